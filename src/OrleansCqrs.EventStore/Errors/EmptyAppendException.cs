namespace OrleansCqrs.EventStore;

public sealed class EmptyAppendException(string streamId)
    : InvalidRequestException($"Append to stream '{streamId}' has no events: pass at least one.")
{
    public string StreamId { get; } = streamId;
}
