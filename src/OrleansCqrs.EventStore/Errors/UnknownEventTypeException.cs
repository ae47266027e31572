namespace OrleansCqrs.EventStore;

/// <summary>A stored event whose type or schema version this process cannot read. Never skipped silently.</summary>
public sealed class UnknownEventTypeException(string tenantId, string streamId, GlobalPosition position, string eventType, int schemaVersion, string reason)
    : EventStoreException($"Cannot read event '{eventType}' v{schemaVersion} at position {position} of stream '{streamId}' (tenant '{tenantId}'): {reason}.")
{
    public string TenantId { get; } = tenantId;

    public string StreamId { get; } = streamId;

    public GlobalPosition Position { get; } = position;

    public string EventType { get; } = eventType;

    public int SchemaVersion { get; } = schemaVersion;
}
