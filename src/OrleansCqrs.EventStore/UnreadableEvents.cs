namespace OrleansCqrs.EventStore;

/// <summary>What a read does with an event it cannot deserialize.</summary>
public enum UnreadableEvents
{
    /// <summary>The read fails with <see cref="UnknownEventTypeException"/> naming the event: a stream is read whole or not at all.</summary>
    Throw,

    /// <summary>The event comes back with an <see cref="UnreadableEvent"/> as its data, so a follower can park it and go on.</summary>
    Return,
}
