namespace OrleansCqrs.EventStore;

public sealed class TooManyEventsException(string streamId, int count, int limit)
    : InvalidRequestException($"Append to stream '{streamId}' has {count} events; at most {limit} are allowed in one append.")
{
    public int Count { get; } = count;
}
