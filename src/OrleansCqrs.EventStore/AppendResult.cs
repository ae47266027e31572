namespace OrleansCqrs.EventStore;

/// <summary>Where an append's events landed.</summary>
/// <param name="FirstVersion">Stream version of the first appended event.</param>
/// <param name="StreamVersion">Stream version of the last appended event: the next append expects it.</param>
/// <param name="Positions">Global position of each appended event, in order.</param>
/// <param name="WasReplay">True when the idempotency key had been used: nothing new was written.</param>
public sealed record AppendResult(long FirstVersion, long StreamVersion, IReadOnlyList<GlobalPosition> Positions, bool WasReplay);
