namespace OrleansCqrs.EventStore;

public sealed class PayloadTooLargeException(string eventType, int sizeBytes, int limitBytes)
    : InvalidRequestException($"Event '{eventType}' serialises to {sizeBytes} bytes, over the limit of {limitBytes} bytes.")
{
    public int SizeBytes { get; } = sizeBytes;
}
