namespace OrleansCqrs.EventStore;

/// <summary>Bad input, rejected before anything reached the database.</summary>
public abstract class InvalidRequestException(string message) : EventStoreException(message);
