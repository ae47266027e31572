using System.Threading.Channels;
using Npgsql;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// Commits the writes that this silo's projection grains make at the same moment as one batch: one round trip
/// and one transaction for many grains. A projection grain writes one small row per delivery, and thousands of
/// grains doing so each in its own transaction cost PostgreSQL more than the events they project.
/// Each write stays atomic (all its statements commit together or not at all) and is answered on its own:
/// when the server refuses a group (a constraint, a deadlock, a lock timeout), the group is rolled back and
/// its writes run again one by one, so only the write at fault fails.
/// </summary>
public sealed class ReadModelWriter : IAsyncDisposable
{
    private const int MaxGroupSize = 256;
    private const int ConcurrentGroups = 2;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly NpgsqlDataSource _database;
    private readonly Task[] _committers;

    public ReadModelWriter(NpgsqlDataSource database)
    {
        _database = database;
        _committers = Enumerable.Range(0, ConcurrentGroups).Select(_ => Task.Run(CommitLoopAsync)).ToArray();
    }

    /// <summary>Commits <paramref name="statements"/> in one transaction, together with other grains' writes.</summary>
    public Task WriteAsync(IReadOnlyList<NpgsqlBatchCommand> statements)
    {
        ArgumentOutOfRangeException.ThrowIfZero(statements.Count);
        var write = new PendingWrite(statements);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(ReadModelWriter), "The silo is shutting down.");
        }

        return write.Completion.Task;
    }

    private async Task CommitLoopAsync()
    {
        var group = new List<PendingWrite>(MaxGroupSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Grains answered by the previous group are writing again right now: let them join this one.
            await Task.Yield();
            while (group.Count < MaxGroupSize && _queue.Reader.TryRead(out var write))
            {
                group.Add(write);
            }

            if (group.Count > 0)
            {
                await CommitAsync(group);
                group.Clear();
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        try
        {
            await ExecuteAsync(group, again: false);
            foreach (var write in group)
            {
                write.Completion.TrySetResult();
            }
        }
        catch (PostgresException) when (group.Count > 1)
        {
            // The server refused one statement and rolled the whole group back: find which write it was.
            foreach (var write in group)
            {
                try
                {
                    await ExecuteAsync([write], again: true);
                    write.Completion.TrySetResult();
                }
                catch (Exception error)
                {
                    write.Completion.TrySetException(error);
                }
            }
        }
        catch (Exception error)
        {
            // No connection, or it broke: every write of the group shares the outcome.
            foreach (var write in group)
            {
                write.Completion.TrySetException(error);
            }
        }
    }

    private async Task ExecuteAsync(IReadOnlyList<PendingWrite> writes, bool again)
    {
        await using var connection = await _database.OpenConnectionAsync();
        // Statements of one batch run in one implicit transaction: a failure anywhere rolls all of them back.
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            foreach (var statement in write.Statements)
            {
                batch.BatchCommands.Add(again ? FreshCopy(statement) : statement);
            }
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A statement that ran once remembers the statement PostgreSQL prepared for it on that connection; run again on
    /// another connection it would bind to whatever that one prepared under the same name. A second run gets a copy.
    /// </summary>
    private static NpgsqlBatchCommand FreshCopy(NpgsqlBatchCommand statement)
    {
        var copy = new NpgsqlBatchCommand(statement.CommandText);
        foreach (NpgsqlParameter parameter in statement.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_committers);
    }

    private sealed record PendingWrite(IReadOnlyList<NpgsqlBatchCommand> Statements)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
