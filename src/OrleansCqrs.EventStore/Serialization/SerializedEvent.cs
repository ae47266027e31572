namespace OrleansCqrs.EventStore;

/// <summary>An event ready for the database: names and JSON text.</summary>
internal sealed record SerializedEvent(Guid EventId, string EventType, int SchemaVersion, string Data, string Metadata);
