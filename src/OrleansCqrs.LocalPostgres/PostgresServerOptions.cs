namespace OrleansCqrs.LocalPostgres;

public sealed class PostgresServerOptions
{
    /// <summary>
    /// Where the private cluster keeps its data. When null a temporary folder is used and deleted
    /// on dispose; when set the data survives restarts.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Whether a private cluster another live process started on <see cref="DataDirectory"/> may be shared (silos of one
    /// cluster on one machine). When false such a folder is refused with <see cref="DataDirectoryInUseException"/>.
    /// </summary>
    public bool ShareWithOtherProcess { get; init; } = true;

    /// <summary>Folder holding initdb and pg_ctl; found on the machine when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Use this server instead of starting one. Defaults to the ORLEANSCQRS_CONNECTION variable.</summary>
    public string? ExternalConnectionString { get; init; } = Environment.GetEnvironmentVariable(PostgresServer.ConnectionVariable);

    /// <summary>Where to look for installed PostgreSQL versions, newest first.</summary>
    public IReadOnlyList<string> SearchRoots { get; init; } = ["/usr/lib/postgresql", "/usr/local/pgsql", "/opt/homebrew/opt"];

    /// <summary>Extra server settings (name=value) for a private cluster.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>
    {
        ["max_connections"] = "300",
    };
}
