namespace OrleansCqrs.EventSourcing;

/// <summary>The event store refused this command's events (for example a payload over the size limit); nothing was written.</summary>
[GenerateSerializer]
public sealed class CommandRefusedByStoreException(string code, string message) : AggregateStoreException(code, message);
