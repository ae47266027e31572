namespace OrleansCqrs.EventStore;

/// <summary>The durable outcome of the first append under an idempotency key: the stream versions it wrote.</summary>
public sealed record IdempotencyRecord(string Key, long FirstVersion, long LastVersion, DateTimeOffset CreatedAt);
