namespace OrleansCqrs.EventSourcing;

/// <summary>
/// The grain key cannot name an aggregate's stream (empty, too long, a character outside the allowed set, or a
/// malformed tenant part). Nothing was read or written; the same key will always be refused.
/// </summary>
[GenerateSerializer]
public sealed class InvalidAggregateIdException(string message) : AggregateStoreException("invalid_aggregate_id", message);
