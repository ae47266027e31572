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
        // Statements prepared automatically, as in the silo: a write run again must not reach another connection's
        // prepared statement (it did: "bind message supplies 2 parameters, but prepared statement … requires …").
        var builder = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { MaxAutoPrepare = 10, AutoPrepareMinUsages = 1 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var writer = new ReadModelWriter(dataSource);
        await using (var warm = dataSource.CreateCommand("select count(*) from rows_written"))
        {
            await warm.ExecuteScalarAsync();
        }

        // Several rounds, so the writes run again after a refusal land on connections with statements prepared before.
        for (var round = 0; round < 5; round++)
        {
            var offset = round * 1000;

            // Queued back to back, so the writer takes many of them into one batch.
            var writes = new List<Task>();
            for (var id = offset + 1; id <= offset + 60; id++)
            {
                writes.Add(writer.WriteAsync([Insert(id, amount: id == offset + 17 ? -1 : id)]));
            }

            // Two statements as one write: the second is refused, so the first must not stay either.
            writes.Add(writer.WriteAsync([Insert(offset + 101, 1), Insert(offset + 102, -5)]));

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
            var stored = await Sql.ColumnAsync<int>(
                database.OwnerConnectionString, "select id from rows_written where id > $1 and id < $2 order by id", offset, offset + 1000);
            Assert.Equal(Enumerable.Range(offset + 1, 60).Where(id => id != offset + 17), stored);
        }
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
