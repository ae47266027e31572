namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>Operators' view of the snapshots. Any key; a stateless worker.</summary>
public interface ISnapshotsGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<SnapshotStats>> GetStats();
}
