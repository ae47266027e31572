using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>
/// A read-only queue adapter: events enter the streams only by being committed to the store, never by
/// a grain publishing them (which would be a second write that a crash can separate from the first).
/// </summary>
internal sealed class EventStoreQueueAdapter(
    string name,
    HashRingBasedStreamQueueMapper mapper,
    IEventStore store,
    PartitionCheckpoints checkpoints,
    EventStoreStreamOptions options,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    private readonly List<QueueId> _queues = mapper.GetAllQueues().OrderBy(q => q.GetNumericId()).ToList();

    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new EventStoreQueueReceiver(
        name, queueId, _queues.IndexOf(queueId), mapper, store, checkpoints, options, loggerFactory.CreateLogger<EventStoreQueueReceiver>());

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException($"Stream provider '{name}' is fed by the event store; append events to the store instead of publishing them.");
}
