using Orleans.Concurrency;

namespace OrleansCqrs.EventSourcing.Snapshots;

[StatelessWorker]
internal sealed class SnapshotsGrain(SnapshotStore store) : Grain, ISnapshotsGrain
{
    public Task<IReadOnlyList<SnapshotStats>> GetStats() => store.StatsAsync();
}
