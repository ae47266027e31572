using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>A committed event as projections receive it, from the stream provider or read from the store.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectedEvent(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string StreamId,
    [property: Id(2)] long StreamVersion,
    [property: Id(3)] ulong TransactionId,
    [property: Id(4)] long Position,
    [property: Id(5)] string EventType,
    [property: Id(6)] object Data,
    [property: Id(7)] DateTimeOffset RecordedAt)
{
    public GlobalPosition GlobalPosition => new(TransactionId, Position);

    public static ProjectedEvent From(RecordedEvent recorded) => new(
        recorded.TenantId,
        recorded.StreamId,
        recorded.StreamVersion,
        recorded.Position.TransactionId,
        recorded.Position.Position,
        recorded.EventType,
        recorded.Data is UnreadableEvent unreadable
            ? new UnreadablePayload(recorded.StoredSchemaVersion, unreadable.Reason, unreadable.RawData)
            : recorded.Data,
        recorded.RecordedAt);

    /// <summary>True when the event could not be read here: a read model must park it, never apply it.</summary>
    public bool IsUnreadable => Data is UnreadablePayload;
}
