using OrleansCqrs.EventStore;
using OrleansCqrs.EventStore.Postgres;
using OrleansCqrs.EventStore.Schema;
using OrleansCqrs.LocalPostgres;

namespace OrleansCqrs.Benchmarks;

/// <summary>The server the benchmarks write to: ORLEANSCQRS_CONNECTION, or a private cluster.</summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private BenchmarkDatabase(PostgresServer server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    /// <summary>The application's least-privilege role on a private cluster; the given role otherwise.</summary>
    public string ConnectionString { get; }

    public static async Task<BenchmarkDatabase> OpenAsync()
    {
        var server = await PostgresServer.StartAsync();
        var connectionString = await server.PrepareApplicationDatabaseAsync(
            "benchmarks", "benchmarks_app", SchemaMigrator.WriterRole,
            (owner, token) => SchemaMigrator.MigrateAsync(owner, Banking.BankingSiloBuilderExtensions.MigrationComponents, token));
        return new BenchmarkDatabase(server, connectionString);
    }

    public PostgresEventStore CreateStore(EventStoreOptions? options = null) =>
        PostgresEventStore.Create(ConnectionString, BenchmarkEvents.Registry(), options);

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
