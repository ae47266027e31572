namespace OrleansCqrs.EventStore;

/// <summary>No connection to PostgreSQL could be opened; nothing was sent, so nothing was appended.</summary>
public sealed class EventStoreUnavailableException(Exception innerException)
    : EventStoreException($"The event store's database cannot be reached ({innerException.Message}). Nothing was appended.", innerException);
