namespace OrleansCqrs.EventStore;

/// <summary>An event (or its metadata) cannot be stored as JSON: NaN or Infinity, nesting deeper than the limit, a cycle, a type the serializer refuses.</summary>
public sealed class InvalidEventPayloadException(string eventType, int index, string reason)
    : InvalidRequestException($"Event {index} ('{eventType}') cannot be stored: {reason}. Nothing was appended.")
{
    public string EventType { get; } = eventType;

    public int Index { get; } = index;
}
