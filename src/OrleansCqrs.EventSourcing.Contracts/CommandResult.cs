namespace OrleansCqrs.EventSourcing;

/// <summary>The outcome of one command on one aggregate.</summary>
/// <param name="Version">The aggregate's stream version after the command (for a duplicate: after its first run).</param>
/// <param name="Error">Why the command was refused; null when it was accepted.</param>
/// <param name="WasDuplicate">True when this command id had already been applied: nothing new was written.</param>
[GenerateSerializer, Immutable]
public sealed record CommandResult(
    [property: Id(0)] long Version,
    [property: Id(1)] DomainError? Error,
    [property: Id(2)] bool WasDuplicate)
{
    public bool Accepted => Error is null;

    public static CommandResult Applied(long version) => new(version, null, false);

    public static CommandResult Duplicate(long version) => new(version, null, true);

    public static CommandResult Rejected(DomainError error, long version) => new(version, error, false);
}
