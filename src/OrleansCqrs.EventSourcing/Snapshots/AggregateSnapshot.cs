namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>What an aggregate's snapshot holds: its view, and the recent command ids it must still recognise.</summary>
public sealed record AggregateSnapshot<TView>(TView View, List<RememberedCommand> Commands);

public sealed record RememberedCommand(string Id, long Version);
