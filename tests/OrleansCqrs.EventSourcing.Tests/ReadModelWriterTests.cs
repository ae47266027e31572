using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.Testing;

namespace OrleansCqrs.EventSourcing.Tests;

public sealed class ReadModelWriterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Writes_sent_together_commit_on_their_own_and_only_the_refused_one_fails()
    {
        await database.ExecuteAsOwnerAsync("create table if not exists rows_written (id int primary key, amount int not null check (amount >= 0))");
        await using var dataSource = NpgsqlDataSource.Create(database.OwnerConnectionString);
        await using var writer = new ReadModelWriter(dataSource);

        // Queued back to back, so the writer takes many of them into one batch.
        var writes = new List<Task>();
        for (var id = 1; id <= 60; id++)
        {
            writes.Add(writer.WriteAsync([Insert(id, amount: id == 17 ? -1 : id)]));
        }

        // Two statements as one write: the second is refused, so the first must not stay either.
        var atomic = writer.WriteAsync([Insert(101, 1), Insert(102, -5)]);
        writes.Add(atomic);

        var failures = await Task.WhenAll(writes.Select(async write =>
        {
            try
            {
                await write;
                return null;
            }
            catch (PostgresException error)
            {
                return error;
            }
        }));

        Assert.Equal(2, failures.Count(f => f is not null));
        Assert.Equal("23514", failures[16]!.SqlState); // check_violation, id 17
        Assert.Equal("23514", failures[^1]!.SqlState);
        var stored = await Sql.ColumnAsync<int>(database.OwnerConnectionString, "select id from rows_written order by id");
        Assert.Equal(Enumerable.Range(1, 60).Where(id => id != 17), stored);
    }

    [Fact]
    public async Task A_write_with_no_statements_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.OwnerConnectionString);
        await using var writer = new ReadModelWriter(dataSource);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => writer.WriteAsync([]));
    }

    private static NpgsqlBatchCommand Insert(int id, int amount)
    {
        var insert = new NpgsqlBatchCommand("insert into rows_written (id, amount) values ($1, $2)");
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = amount });
        return insert;
    }
}
