namespace OrleansCqrs.EventSourcing;

/// <summary>
/// The store stopped answering after the command's events were sent: they may or may not be written.
/// Retrying with the same command id is safe and returns the first outcome.
/// </summary>
[GenerateSerializer]
public sealed class CommandOutcomeUnknownException(string message) : AggregateStoreException("outcome_unknown", message);
