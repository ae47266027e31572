using OrleansCqrs.Banking;
using OrleansCqrs.EventStore.Schema;
using OrleansCqrs.LocalPostgres;
using OrleansCqrs.Silo.OrleansTables;

namespace OrleansCqrs.Silo;

/// <summary>
/// The silo's PostgreSQL: ORLEANSCQRS_CONNECTION when set, otherwise a private cluster whose data
/// survives restarts. Migrations run as the owner; the silo itself connects as a least-privilege role.
/// </summary>
internal sealed class SiloDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private SiloDatabase(PostgresServer server, string applicationConnectionString)
    {
        _server = server;
        ApplicationConnectionString = applicationConnectionString;
    }

    public string ApplicationConnectionString { get; }

    public bool IsPrivate => _server.IsPrivate;

    public static async Task<SiloDatabase> StartAsync(IConfiguration configuration, bool withClustering, CancellationToken cancellationToken)
    {
        // Silos of one ADO.NET cluster share a machine's private PostgreSQL; a one-silo (localhost) cluster never does.
        var server = await PostgresServer.StartAsync(
            new PostgresServerOptions { DataDirectory = DataDirectory(configuration), ShareWithOtherProcess = withClustering }, cancellationToken);
        var application = await server.PrepareApplicationDatabaseAsync(
            "orleanscqrs",
            "orleanscqrs_app",
            SchemaMigrator.WriterRole,
            async (owner, token) =>
            {
                await SchemaMigrator.MigrateAsync(owner, BankingSiloBuilderExtensions.MigrationComponents, token);
                await OrleansTablesSchema.MigrateAsync(owner, withClustering, token);
            },
            cancellationToken);
        return new SiloDatabase(server, application);
    }

    /// <summary>
    /// Where a private cluster keeps its data. The postgres user runs it when the silo runs as root,
    /// so root's default lives outside /root, which that user cannot enter.
    /// </summary>
    private static string DataDirectory(IConfiguration configuration)
    {
        if (configuration["OrleansCqrs:DataDirectory"] is { Length: > 0 } configured)
        {
            return configured;
        }

        if (Environment.IsPrivilegedProcess)
        {
            return "/var/lib/orleanscqrs/postgres";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "orleanscqrs", "postgres");
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
