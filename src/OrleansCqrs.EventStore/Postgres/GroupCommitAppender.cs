using System.Threading.Channels;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>
/// Collects the append requests that arrive while earlier groups are committing and commits them
/// together. PostgreSQL pays one WAL flush per commit; sharing it is how single-event appends
/// from many writers get past that cost. Each request is still checked and answered on its own.
/// </summary>
internal sealed class GroupCommitAppender : IAsyncDisposable
{
    private readonly Channel<AppendRequest> _queue = Channel.CreateUnbounded<AppendRequest>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly AppendTransaction _transaction;
    private readonly int _maxGroupSize;
    private readonly Task[] _committers;

    public GroupCommitAppender(AppendTransaction transaction, int maxGroupSize, int concurrentGroups)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroupSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentGroups, 1);
        _transaction = transaction;
        _maxGroupSize = maxGroupSize;
        _committers = Enumerable.Range(0, concurrentGroups).Select(_ => Task.Run(CommitLoopAsync)).ToArray();
    }

    public Task<AppendResult> AppendAsync(AppendRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(GroupCommitAppender), "The event store is shutting down.");
        }

        return request.Completion;
    }

    private async Task CommitLoopAsync()
    {
        var group = new List<AppendRequest>(_maxGroupSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // Writers answered by the previous group are re-queuing on the thread pool right now:
            // letting them run first makes one fuller group instead of a small one and a late one.
            await Task.Yield();
            while (group.Count < _maxGroupSize && _queue.Reader.TryRead(out var request))
            {
                group.Add(request);
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await _transaction.RunAsync(group);
            }
            catch (Exception error)
            {
                // RunAsync answers every request itself; this only keeps a defect from leaving callers waiting forever.
                foreach (var request in group)
                {
                    request.Fail(error);
                }
            }

            group.Clear();
        }
    }

    /// <summary>Stops taking requests and waits for those already queued to be answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_committers);
    }
}
