using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>
/// Reads one partition's events from the store's global log, in log order, from the partition's checkpoint.
/// The checkpoint moves only past events Orleans reports delivered (or events of other partitions), so
/// an event read but not delivered before a silo dies is read again by the receiver that takes over.
/// </summary>
internal sealed class EventStoreQueueReceiver(
    string provider,
    QueueId queue,
    int partition,
    IStreamQueueMapper mapper,
    IEventStore store,
    PartitionCheckpoints checkpoints,
    EventStoreStreamOptions options,
    ILogger logger) : IQueueAdapterReceiver
{
    // Handed out and not yet reported delivered, in log order; the checkpoint never passes the oldest.
    private readonly LinkedList<(GlobalPosition Position, bool Delivered)> _inFlight = new();
    private readonly Dictionary<GlobalPosition, LinkedListNode<(GlobalPosition, bool)>> _nodes = [];
    private readonly object _gate = new();
    private GlobalPosition _readUpTo;
    private GlobalPosition _saved;
    private DateTime _lastSave = DateTime.MinValue;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        _readUpTo = _saved = await checkpoints.LoadAsync(provider, partition, cancellation.Token);
        ReceiverLog.Started(logger, provider, partition, _readUpTo.ToString());
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        // An event this silo cannot read is delivered as such: its read models park it and hold only its stream.
        var page = await store.ReadAllAsync(_readUpTo, Math.Min(Math.Max(maxCount, 1), options.PageSize), unreadable: UnreadableEvents.Return);
        if (page.Count == 0)
        {
            await SaveWhenIdleAsync();
            return [];
        }

        var mine = new List<IBatchContainer>(page.Count);
        lock (_gate)
        {
            foreach (var recorded in page)
            {
                if (AggregateStreamIds.For(recorded.TenantId, recorded.StreamId) is { } streamId && mapper.GetQueueForStream(streamId).Equals(queue))
                {
                    _nodes[recorded.Position] = _inFlight.AddLast((recorded.Position, false));
                    mine.Add(new EventBatchContainer(streamId, ProjectedEvent.From(recorded)));
                }
            }

            _readUpTo = page[^1].Position;
        }

        if (mine.Count == 0)
        {
            await SaveWhenIdleAsync();
        }

        return mine;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
    {
        GlobalPosition checkpoint;
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (message is EventBatchContainer container && _nodes.Remove(container.Event.GlobalPosition, out var node))
                {
                    node.Value = (node.Value.Item1, true);
                }
            }

            checkpoint = _saved;
            while (_inFlight.First is { Value.Delivered: true } delivered)
            {
                checkpoint = delivered.Value.Position;
                _inFlight.RemoveFirst();
            }

            if (_inFlight.Count == 0)
            {
                checkpoint = _readUpTo;
            }
        }

        await SaveAsync(checkpoint);
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        GlobalPosition checkpoint;
        lock (_gate)
        {
            checkpoint = _inFlight.Count == 0 ? _readUpTo : _saved;
        }

        await SaveAsync(checkpoint);
    }

    /// <summary>
    /// With nothing in flight, everything read is done with: record it now and then, so a partition whose
    /// streams are quiet does not keep an old checkpoint (Orleans reports deliveries only when its cache purges).
    /// </summary>
    private async Task SaveWhenIdleAsync()
    {
        GlobalPosition checkpoint;
        lock (_gate)
        {
            if (_inFlight.Count > 0 || DateTime.UtcNow - _lastSave < TimeSpan.FromSeconds(1))
            {
                return;
            }

            checkpoint = _readUpTo;
        }

        await SaveAsync(checkpoint);
    }

    private async Task SaveAsync(GlobalPosition checkpoint)
    {
        if (checkpoint > _saved)
        {
            await checkpoints.SaveAsync(provider, partition, checkpoint);
            _saved = checkpoint;
            _lastSave = DateTime.UtcNow;
        }
    }
}

internal static partial class ReceiverLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Stream provider {Provider} partition {Partition} reads the log from {Checkpoint}")]
    public static partial void Started(ILogger logger, string provider, int partition, string checkpoint);
}
