namespace OrleansCqrs.EventStore;

public sealed class NullEventException(string streamId, int index)
    : InvalidRequestException($"Append to stream '{streamId}' has a null event at index {index}.")
{
    public int Index { get; } = index;
}
