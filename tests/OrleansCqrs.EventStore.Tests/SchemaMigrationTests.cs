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
    public async Task A_migration_edited_after_it_was_applied_stops_the_start_naming_it()
    {
        var server = await SharedPostgres.GetAsync();
        var database = "migrate_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.EnsureDatabaseAsync(database);
        try
        {
            await SchemaMigrator.MigrateAsync(connectionString);
            // As if 002 had been applied in an earlier form: its recorded checksum no longer matches the shipped text.
            await Sql.ExecuteAsync(connectionString, "update eventstore.schema_migrations set checksum = decode('00', 'hex') where version = 2");

            var error = await Assert.ThrowsAsync<SchemaMigrationChangedException>(() => SchemaMigrator.MigrateAsync(connectionString));

            Assert.Equal(["002_create_append_function"], error.Migrations);
            Assert.Contains("append-only", error.Message);
        }
        finally
        {
            await SharedPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Databases_migrated_before_checksums_were_kept_adopt_them()
    {
        var server = await SharedPostgres.GetAsync();
        var database = "migrate_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.EnsureDatabaseAsync(database);
        try
        {
            await SchemaMigrator.MigrateAsync(connectionString);
            await Sql.ExecuteAsync(connectionString, "update eventstore.schema_migrations set checksum = null");

            Assert.Empty(await SchemaMigrator.MigrateAsync(connectionString));
            Assert.Equal(0, await Sql.ScalarAsync<long>(connectionString, "select count(*) from eventstore.schema_migrations where checksum is null"));
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
