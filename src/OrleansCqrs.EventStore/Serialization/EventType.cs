namespace OrleansCqrs.EventStore;

/// <summary>A registered event type: its stable stored name, its current schema version and the CLR type that holds it.</summary>
public sealed record EventType(string Name, int SchemaVersion, Type ClrType);
