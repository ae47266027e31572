namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>An event a read model parked: where it is, why, and what was decided.</summary>
[GenerateSerializer, Immutable]
public sealed record ParkedEvent(
    [property: Id(0)] string Projection,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string StreamId,
    [property: Id(3)] long StreamVersion,
    [property: Id(4)] long Position,
    [property: Id(5)] string EventType,
    [property: Id(6)] int SchemaVersion,
    [property: Id(7)] string Error,
    [property: Id(8)] string Status,
    [property: Id(9)] int Attempts,
    [property: Id(10)] DateTimeOffset FirstSeen,
    [property: Id(11)] DateTimeOffset LastAttempt);
