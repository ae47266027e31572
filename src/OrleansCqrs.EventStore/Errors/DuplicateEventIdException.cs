namespace OrleansCqrs.EventStore;

/// <summary>Two events of one append carry the same event id; an event id names one event.</summary>
public sealed class DuplicateEventIdException(string streamId, Guid eventId)
    : InvalidRequestException($"Event id {eventId} appears more than once in one append to stream '{streamId}'. Nothing was appended.")
{
    public Guid EventId { get; } = eventId;
}
