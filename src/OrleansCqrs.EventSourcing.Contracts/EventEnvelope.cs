namespace OrleansCqrs.EventSourcing;

/// <summary>One stored event of an aggregate's stream, for display: its payload as JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record EventEnvelope(
    [property: Id(0)] long StreamVersion,
    [property: Id(1)] ulong TransactionId,
    [property: Id(2)] long Position,
    [property: Id(3)] string EventType,
    [property: Id(4)] int StoredSchemaVersion,
    [property: Id(5)] string Data,
    [property: Id(6)] string? CommandId,
    [property: Id(7)] DateTimeOffset RecordedAt);
