using Npgsql;
using OrleansCqrs.EventStore.Postgres;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class PreparedStatementTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Appends_and_reads_run_as_prepared_statements_that_survive_the_pool()
    {
        // One pooled connection: every command below reuses it, and returning it to the pool must
        // not discard what was prepared on it.
        var oneConnection = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString) { MaxPoolSize = 1 };
        await using var dataSource = EventStoreDataSource.Create(oneConnection.ConnectionString);
        await using var store = new PostgresEventStore(dataSource, TestEvents.Registry(), new EventStoreOptions { GroupCommit = false });

        for (var version = 0; version < 5; version++)
        {
            await store.AppendAsync("tenant-a", "account-prepared", ExpectedVersion.Exactly(version), [TestEvents.Deposit()]);
            await store.ReadStreamAsync("tenant-a", "account-prepared", StreamVersion.First, 10);
            await store.ReadAllAsync(GlobalPosition.Start, 10);
        }

        await using var command = dataSource.CreateCommand("select statement from pg_prepared_statements");
        var prepared = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                prepared.Add(reader.GetString(0));
            }
        }

        Assert.Contains(prepared, sql => sql.Contains("eventstore.append_events"));
        Assert.Contains(prepared, sql => sql.Contains("stream_version >= $3"));
        Assert.Contains(prepared, sql => sql.Contains("pg_snapshot_xmin"));
    }
}
