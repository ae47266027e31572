using OrleansCqrs.EventStore.Schema;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class SchemaMigrationTests
{
    [Fact]
    public async Task Processes_migrating_at_once_apply_each_migration_exactly_once()
    {
        var server = await SharedPostgres.GetAsync();
        var database = "migrate_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.EnsureDatabaseAsync(database);
        var all = SchemaMigrator.EmbeddedMigrations().Select(m => m.Name).ToArray();
        try
        {
            var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(connectionString))));

            Assert.Equal(all, applied.SelectMany(names => names).Order());
            Assert.Equal(all.Length, await Sql.ScalarAsync<long>(connectionString, "select count(*) from eventstore.schema_migrations"));
            Assert.Empty(await SchemaMigrator.MigrateAsync(connectionString));
        }
        finally
        {
            await SharedPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps()
    {
        var versions = SchemaMigrator.EmbeddedMigrations().Select(m => m.Version);

        Assert.Equal(Enumerable.Range(1, versions.Count()), versions);
    }
}
