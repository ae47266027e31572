namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>Snapshots of one kind of stream (aggregate type, or projection).</summary>
[GenerateSerializer, Immutable]
public sealed record SnapshotStats(
    [property: Id(0)] string Kind,
    [property: Id(1)] long Snapshots,
    [property: Id(2)] long Streams,
    [property: Id(3)] long TotalBytes,
    [property: Id(4)] int LargestBytes,
    [property: Id(5)] DateTimeOffset Newest);
