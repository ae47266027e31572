namespace OrleansCqrs.EventSourcing.Projections;

/// <param name="EventsApplied">Events of the log applied to the shadow table so far.</param>
/// <param name="EventsTotal">Events in the log when the rebuild last looked (grows while the log does).</param>
/// <param name="Finished">True once the shadow table has been swapped in.</param>
/// <param name="Error">Why the rebuild stopped, when it failed; it resumes from its last chunk when started again.</param>
[GenerateSerializer, Immutable]
public sealed record RebuildProgress(
    [property: Id(0)] string Projection,
    [property: Id(1)] long EventsApplied,
    [property: Id(2)] long EventsTotal,
    [property: Id(3)] bool Finished,
    [property: Id(4)] double Seconds,
    [property: Id(5)] string? Error);
