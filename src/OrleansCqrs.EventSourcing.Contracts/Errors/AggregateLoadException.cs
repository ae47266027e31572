namespace OrleansCqrs.EventSourcing;

/// <summary>The aggregate's stream cannot be turned into state (an unknown event type, a broken upcaster, an invalid id); retrying will not help.</summary>
[GenerateSerializer]
public sealed class AggregateLoadException(string message) : AggregateStoreException("aggregate_unreadable", message);
