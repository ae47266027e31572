namespace OrleansCqrs.EventStore;

/// <summary>Base of every error the event store raises on purpose.</summary>
public abstract class EventStoreException(string message, Exception? innerException = null)
    : Exception(message, innerException);
