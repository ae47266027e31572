namespace OrleansCqrs.EventStore;

/// <summary>An append's events and metadata together serialise to more than the per-append limit.</summary>
public sealed class AppendTooLargeException(string streamId, long sizeBytes, long limitBytes)
    : InvalidRequestException($"The append to stream '{streamId}' serialises to {sizeBytes} bytes, over the per-append limit of {limitBytes} bytes. Split it or store less. Nothing was appended.")
{
    public long SizeBytes { get; } = sizeBytes;
}
