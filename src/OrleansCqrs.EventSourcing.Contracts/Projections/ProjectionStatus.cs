namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>Where a read model stands against the log.</summary>
/// <param name="Feed">"stream" (per-aggregate, via the stream provider) or "log" (follows the global log).</param>
/// <param name="Checkpoint">The position the projection has certainly processed up to, as "transaction/position".</param>
/// <param name="Head">The newest position readers may see, as "transaction/position".</param>
/// <param name="EventsBehind">Committed events the read model does not reflect yet, apart from those held behind a parked event.</param>
/// <param name="Parked">Events the read model parked (cqrs projections parked): a per-aggregate read model holds their streams behind them.</param>
/// <param name="SecondsBehind">Age of the oldest of those events; 0 when caught up.</param>
[GenerateSerializer, Immutable]
public sealed record ProjectionStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] string Feed,
    [property: Id(2)] string Checkpoint,
    [property: Id(3)] string Head,
    [property: Id(4)] long EventsBehind,
    [property: Id(5)] double SecondsBehind,
    [property: Id(6)] bool Paused,
    [property: Id(7)] RebuildProgress? Rebuild,
    [property: Id(8)] long Parked = 0);
