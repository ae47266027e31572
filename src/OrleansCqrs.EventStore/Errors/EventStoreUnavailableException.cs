namespace OrleansCqrs.EventStore;

/// <summary>PostgreSQL could not be reached or dropped the connection; for an append nothing was sent, so nothing was appended.</summary>
public sealed class EventStoreUnavailableException : EventStoreException
{
    public EventStoreUnavailableException(Exception innerException)
        : base($"The event store's database cannot be reached ({innerException.Message}). Nothing was appended.", innerException)
    {
    }

    public EventStoreUnavailableException(string operation, Exception innerException)
        : base($"The event store's database cannot be reached while {operation} ({innerException.Message}). Retry later.", innerException)
    {
    }
}
