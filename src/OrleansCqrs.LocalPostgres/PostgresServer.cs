using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace OrleansCqrs.LocalPostgres;

/// <summary>
/// A PostgreSQL server to use without configuration: the one ORLEANSCQRS_CONNECTION names, or
/// else a private cluster started from the machine's binaries on a free loopback port and stopped
/// on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionVariable = "ORLEANSCQRS_CONNECTION";
    public const string BinDirectoryVariable = "ORLEANSCQRS_PG_BIN";
    public const string MigrationConnectionVariable = "ORLEANSCQRS_MIGRATION_CONNECTION";

    private const string PasswordFileName = "orleanscqrs-superuser.password";
    private const string OwnerFileName = "orleanscqrs-owner.pid";

    private readonly string? _binDirectory;
    private readonly string? _dataDirectory;
    private readonly bool _deleteDataOnDispose;
    private readonly bool _ownsCluster;
    private int _disposed;

    private PostgresServer(string connectionString, string? binDirectory, string? dataDirectory, bool deleteDataOnDispose, bool ownsCluster = true)
    {
        ConnectionString = connectionString;
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        _deleteDataOnDispose = deleteDataOnDispose;
        _ownsCluster = ownsCluster;
    }

    /// <summary>A superuser (private cluster) or the configured role (external server), on the default database.</summary>
    public string ConnectionString { get; }

    /// <summary>True when this process started the server and owns it.</summary>
    public bool IsPrivate => _dataDirectory is not null;

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        if (!string.IsNullOrWhiteSpace(options.ExternalConnectionString))
        {
            return new PostgresServer(options.ExternalConnectionString, null, null, false);
        }

        var binDirectory = PostgresBinaries.Find(options);
        var temporary = options.DataDirectory is null;
        if (temporary)
        {
            DeleteAbandonedTemporaryClusters();
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"orleanscqrs-pg-{Guid.NewGuid():N}"));
        var password = await InitialiseAsync(binDirectory, dataDirectory, fast: temporary, cancellationToken);
        // A second silo on the same machine and folder shares the cluster the first one runs.
        if (!temporary && PortOfClusterRunByAnotherProcess(dataDirectory) is { } sharedPort)
        {
            if (!options.ShareWithOtherProcess)
            {
                throw new DataDirectoryInUseException(dataDirectory, sharedPort);
            }

            return new PostgresServer(SuperuserConnection(sharedPort, password), binDirectory, dataDirectory, false, ownsCluster: false);
        }

        var port = FreeLoopbackPort();
        await StartClusterAsync(binDirectory, dataDirectory, port, options.Settings, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, OwnerFileName), Environment.ProcessId.ToString(), cancellationToken);
        return new PostgresServer(SuperuserConnection(port, password), binDirectory, dataDirectory, temporary);
    }

    private static string SuperuserConnection(int port, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Password = password,
        Database = "postgres",
    }.ConnectionString;

    /// <summary>The port of a server on this folder that a live process other than this one started; null otherwise.</summary>
    private static int? PortOfClusterRunByAnotherProcess(string dataDirectory)
    {
        try
        {
            var ownerFile = Path.Combine(dataDirectory, OwnerFileName);
            var postmasterFile = Path.Combine(dataDirectory, "postmaster.pid");
            if (!File.Exists(ownerFile) || !File.Exists(postmasterFile) || !int.TryParse(File.ReadAllText(ownerFile).Trim(), out var owner))
            {
                return null;
            }

            using var process = System.Diagnostics.Process.GetProcessById(owner);
            if (process.HasExited || owner == Environment.ProcessId)
            {
                return null;
            }

            // postmaster.pid: pid, data folder, start time, port, …
            var lines = File.ReadAllLines(postmasterFile);
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
        }
        catch (ArgumentException)
        {
            return null; // the owner is gone
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Creates the database if missing; returns this server's connection string pointed at it.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database {Quote(database)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Creates (or resets the password of) a login role that holds only the rights of the existing
    /// role <paramref name="memberOf"/>; returns a connection string for it on <paramref name="database"/>.
    /// </summary>
    public async Task<string> EnsureLoginRoleAsync(
        string role, string memberOf, string database, CancellationToken cancellationToken = default, string? password = null)
    {
        password ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Roles belong to the whole server: another process may create this one at the same moment.
        await using var command = new NpgsqlCommand($"""
            do $$
            begin
                create role {Quote(role)} login;
            exception when duplicate_object or unique_violation then null;
            end
            $$;
            alter role {Quote(role)} with login nosuperuser nocreatedb nocreaterole password '{password}';
            grant {Quote(memberOf)} to {Quote(role)};
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, Username = role, Password = password }.ConnectionString;
    }

    /// <summary>
    /// Readies an application's database and returns the connection string the application runs with.
    /// On a private cluster: creates <paramref name="database"/>, migrates it as the superuser and
    /// returns a login role that only holds <paramref name="memberOf"/>. On a configured server: migrates
    /// with ORLEANSCQRS_MIGRATION_CONNECTION (else the configured connection) and returns the configured
    /// connection as given.
    /// </summary>
    /// <param name="migrate">Applies the schema, given an owner's connection string.</param>
    public async Task<string> PrepareApplicationDatabaseAsync(
        string database,
        string loginRole,
        string memberOf,
        Func<string, CancellationToken, Task> migrate,
        CancellationToken cancellationToken = default)
    {
        if (!IsPrivate)
        {
            var owner = Environment.GetEnvironmentVariable(MigrationConnectionVariable) is { Length: > 0 } configured ? configured : ConnectionString;
            await migrate(owner, cancellationToken);
            return ConnectionString;
        }

        await migrate(await EnsureDatabaseAsync(database, cancellationToken), cancellationToken);
        // Kept in the data folder: processes sharing the cluster must not reset each other's password.
        var password = await ReadOrCreateSecretAsync(Path.Combine(_dataDirectory!, $"orleanscqrs-{loginRole}.password"), cancellationToken);
        return await EnsureLoginRoleAsync(loginRole, memberOf, database, cancellationToken, password);
    }

    private static async Task<string> ReadOrCreateSecretAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await created.WriteAsync(System.Text.Encoding.ASCII.GetBytes(secret), cancellationToken);
            return secret;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process may have created the file a moment ago and not yet written it.
            for (var attempt = 0; ; attempt++)
            {
                var secret = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
                if (secret.Length > 0 || attempt == 50)
                {
                    return secret;
                }

                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private static async Task<string> InitialiseAsync(string binDirectory, string dataDirectory, bool fast, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(dataDirectory, PasswordFileName);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        // initdb wants an empty folder, so the password file it reads sits beside the data folder while it runs.
        var initialPasswordFile = dataDirectory.TrimEnd('/') + ".pw";
        await File.WriteAllTextAsync(initialPasswordFile, password, cancellationToken);
        try
        {
            if (ProcessRunner.RunsAsRoot)
            {
                await ProcessRunner.RunAsync("chown", ["postgres:postgres", dataDirectory, initialPasswordFile], cancellationToken);
            }

            List<string> arguments =
            [
                "-D", dataDirectory, "-U", "postgres", "--pwfile", initialPasswordFile,
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C",
            ];
            if (fast)
            {
                arguments.Add("--no-sync");
            }

            await ProcessRunner.RunPostgresProgramAsync(Path.Combine(binDirectory, "initdb"), arguments, cancellationToken);
        }
        finally
        {
            File.Delete(initialPasswordFile);
        }

        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return password;
    }

    private static async Task StartClusterAsync(
        string binDirectory, string dataDirectory, int port, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var pgCtl = Path.Combine(binDirectory, "pg_ctl");
        var serverOptions = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={dataDirectory}";
        foreach (var (name, value) in settings)
        {
            serverOptions += $" -c {name}={value}";
        }

        // A server left running on this folder by a process that died is ours: stop it first.
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            try
            {
                await ProcessRunner.RunPostgresProgramAsync(pgCtl, ["-D", dataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Not running: a stale pid file, which pg_ctl start handles.
            }
        }

        await ProcessRunner.RunPostgresProgramAsync(
            pgCtl,
            ["-D", dataDirectory, "-o", serverOptions, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start"],
            cancellationToken);
    }

    /// <summary>
    /// A process killed before it disposed its server leaves a stopped cluster's folder behind;
    /// remove those that have been stopped for a while.
    /// </summary>
    private static void DeleteAbandonedTemporaryClusters()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "orleanscqrs-pg-*"))
        {
            try
            {
                var stopped = !File.Exists(Path.Combine(directory, "postmaster.pid"));
                if (stopped && Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow.AddMinutes(-10))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
            catch (IOException)
            {
                // Another process is cleaning up the same folder.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's cluster.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null || !_ownsCluster || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await ProcessRunner.RunPostgresProgramAsync(
            Path.Combine(_binDirectory!, "pg_ctl"), ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
        if (_deleteDataOnDispose)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
