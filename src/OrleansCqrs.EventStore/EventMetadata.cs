namespace OrleansCqrs.EventStore;

/// <summary>Why an event was written: the conversation it belongs to and the message that caused it.</summary>
public sealed record EventMetadata(string? CorrelationId = null, string? CausationId = null, string? CommandId = null)
{
    public static EventMetadata None { get; } = new();
}
