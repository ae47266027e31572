namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>
/// The data of a delivered event this silo cannot read (its type or schema version is not registered, or its JSON
/// does not fit): read models park it instead of applying it as an event they do not handle.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UnreadablePayload(
    [property: Id(0)] int SchemaVersion,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RawData);

/// <summary>The data of an event an operator chose to skip (<c>cqrs projections skip</c>): read models apply it as one they do not handle.</summary>
[GenerateSerializer, Immutable]
public sealed record SkippedPayload([property: Id(0)] int SchemaVersion);
