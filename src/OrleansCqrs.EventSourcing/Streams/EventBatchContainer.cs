using Orleans.Streams;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>One committed event on its way through Orleans streams.</summary>
[GenerateSerializer, Immutable]
public sealed class EventBatchContainer(StreamId streamId, ProjectedEvent @event) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public ProjectedEvent Event { get; } = @event;

    public StreamSequenceToken SequenceToken => new GlobalPositionToken(Event.TransactionId, Event.Position);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Event is T typed ? [Tuple.Create(typed, SequenceToken)] : [];

    public bool ImportRequestContext() => false;
}
