namespace OrleansCqrs.EventStore;

/// <summary>
/// The payload of a stored event this process cannot turn into its type (the type or schema version is not
/// registered, an upcaster is missing, the JSON does not fit the type), handed to a reader that asked for
/// <see cref="UnreadableEvents.Return"/> instead of the whole read failing. The event type and stored schema version
/// are on the <see cref="RecordedEvent"/>.
/// </summary>
public sealed record UnreadableEvent(string RawData, string Reason);
