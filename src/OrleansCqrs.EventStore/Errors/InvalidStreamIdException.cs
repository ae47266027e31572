namespace OrleansCqrs.EventStore;

public sealed class InvalidStreamIdException(string? streamId, string reason)
    : InvalidRequestException($"Invalid stream id '{streamId}': {reason}.")
{
    public string? StreamId { get; } = streamId;
}
