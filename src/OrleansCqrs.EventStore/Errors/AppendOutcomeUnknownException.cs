namespace OrleansCqrs.EventStore;

/// <summary>
/// The connection failed while the append was in flight: it may or may not have committed.
/// Retrying with the same idempotency key is safe and returns the first result if it did.
/// </summary>
public sealed class AppendOutcomeUnknownException(string streamId, Exception innerException)
    : EventStoreException($"The append to stream '{streamId}' may or may not have committed: the connection failed ({innerException.GetType().Name}). Retry with the same idempotency key.", innerException)
{
    public string StreamId { get; } = streamId;
}
