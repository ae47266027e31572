namespace OrleansCqrs.EventSourcing;

/// <summary>
/// A raised event could not be applied to the grain's state (its <c>Apply</c> or <c>TransitionState</c> threw), so it
/// was not appended: an event the grain cannot apply would make its own stream unreadable.
/// </summary>
[GenerateSerializer]
public sealed class EventNotAppliedException(string message) : AggregateStoreException("event_not_applied", message);
