namespace OrleansCqrs.EventStore;

/// <summary>An event as read back from the store, its payload upcast to the current type.</summary>
/// <param name="StoredSchemaVersion">The schema version the payload was written with.</param>
public sealed record RecordedEvent(
    string TenantId,
    string StreamId,
    long StreamVersion,
    GlobalPosition Position,
    Guid EventId,
    string EventType,
    int StoredSchemaVersion,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);
