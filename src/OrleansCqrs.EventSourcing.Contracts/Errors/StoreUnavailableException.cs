namespace OrleansCqrs.EventSourcing;

/// <summary>The event store did not answer within the configured time. Nothing of this command was written.</summary>
[GenerateSerializer]
public sealed class StoreUnavailableException(string message) : AggregateStoreException("store_unavailable", message);
