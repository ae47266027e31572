using Xunit;
using OrleansCqrs.EventStore;
using OrleansCqrs.EventStore.Postgres;
using OrleansCqrs.EventStore.Schema;

namespace OrleansCqrs.Testing;

/// <summary>
/// A fresh database with the event store schema, an owner connection and a least-privilege
/// application connection (a login role that is only a member of the writer role).
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly IReadOnlyList<System.Reflection.Assembly> _migrationComponents;

    public TestDatabase()
        : this([])
    {
    }

    private TestDatabase(IReadOnlyList<System.Reflection.Assembly> migrationComponents)
    {
        _migrationComponents = migrationComponents;
    }

    /// <summary>A database with the store's schema and then the migrations of <paramref name="components"/> (see SchemaMigrator).</summary>
    public static TestDatabase WithMigrationsOf(IReadOnlyList<System.Reflection.Assembly> components) => new(components);

    private readonly List<IAsyncDisposable> _owned = [];

    public string Name { get; } = "test_" + Guid.NewGuid().ToString("N")[..12];

    private string LoginRole => "app_" + Name;

    public string OwnerConnectionString { get; private set; } = "";

    public string ApplicationConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = await SharedPostgres.GetAsync();
        OwnerConnectionString = await server.EnsureDatabaseAsync(Name);
        await SchemaMigrator.MigrateAsync(OwnerConnectionString, _migrationComponents, CancellationToken.None);
        ApplicationConnectionString = await server.EnsureLoginRoleAsync(LoginRole, SchemaMigrator.WriterRole, Name);
    }

    /// <summary>A store on the application role, disposed with the database fixture.</summary>
    public PostgresEventStore CreateStore(EventTypeRegistry registry, EventStoreOptions? options = null, string? connectionString = null)
    {
        var store = PostgresEventStore.Create(connectionString ?? ApplicationConnectionString, registry, options);
        _owned.Add(store);
        return store;
    }

    public Task<long> CountEventsAsync(string? tenantId = null, string? streamId = null) =>
        Sql.ScalarAsync<long>(
            OwnerConnectionString,
            "select count(*) from eventstore.events where ($1::text is null or tenant_id = $1) and ($2::text is null or stream_id = $2)",
            tenantId,
            streamId);

    public Task ExecuteAsOwnerAsync(string sql) => Sql.ExecuteAsync(OwnerConnectionString, sql);

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await SharedPostgres.DropDatabaseAsync(Name, LoginRole);
    }
}
