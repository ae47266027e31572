namespace OrleansCqrs.LocalPostgres;

public sealed class PostgresNotInstalledException(string? namedFolder = null)
    : Exception(
        (namedFolder is null
            ? "PostgreSQL server binaries (initdb, pg_ctl) were not found, so no private PostgreSQL can be started. "
            : $"No initdb and pg_ctl in '{namedFolder}', the folder named by {PostgresServer.BinDirectoryVariable} or PostgresServerOptions.BinDirectory. ") +
        "Install them with 'sudo apt-get install -y postgresql' (Debian/Ubuntu), or point " +
        $"{PostgresServer.ConnectionVariable} at an existing PostgreSQL 15+ server, or set " +
        $"{PostgresServer.BinDirectoryVariable} to the folder that holds initdb and pg_ctl.");
