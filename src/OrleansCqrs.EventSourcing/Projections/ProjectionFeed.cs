namespace OrleansCqrs.EventSourcing.Projections;

public enum ProjectionFeed
{
    /// <summary>One projection grain per aggregate, fed through the stream provider in stream-version order.</summary>
    AggregateStream,

    /// <summary>One runner per read model following the global log with its own checkpoint (cross-aggregate views).</summary>
    GlobalLog,
}
