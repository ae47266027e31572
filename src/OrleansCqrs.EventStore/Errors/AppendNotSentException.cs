namespace OrleansCqrs.EventStore;

/// <summary>The database driver could not encode this append, so it was never sent; nothing was appended, and a retry fails the same way.</summary>
public sealed class AppendNotSentException(string streamId, Exception innerException)
    : EventStoreException($"The append to stream '{streamId}' could not be sent ({innerException.GetType().Name}: {innerException.Message}). Nothing was appended.", innerException)
{
    public string StreamId { get; } = streamId;
}
