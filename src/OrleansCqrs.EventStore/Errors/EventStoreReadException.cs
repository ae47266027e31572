namespace OrleansCqrs.EventStore;

/// <summary>PostgreSQL refused a read (a permission, a missing schema, a statement timeout); retrying will not help until that is fixed.</summary>
public sealed class EventStoreReadException(Npgsql.PostgresException innerException)
    : EventStoreException($"PostgreSQL refused a read of the event store ({innerException.SqlState}: {innerException.MessageText}).", innerException)
{
    public string SqlState { get; } = innerException.SqlState;
}
