namespace OrleansCqrs.EventStore;

public sealed class PayloadTooLargeException(string eventType, int sizeBytes, int limitBytes)
    : InvalidRequestException($"Event '{eventType}' serialises to {sizeBytes} bytes with its metadata, over the limit of {limitBytes} bytes. Nothing was appended.")
{
    public int SizeBytes { get; } = sizeBytes;
}
