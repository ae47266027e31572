namespace OrleansCqrs.EventStore;

/// <summary>An event to append. <paramref name="Data"/> must be of a registered event type.</summary>
/// <param name="EventId">Stable id of this event; one is generated when absent.</param>
public sealed record NewEvent(object Data, EventMetadata? Metadata = null, Guid? EventId = null);
