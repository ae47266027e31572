using Microsoft.Extensions.Logging;
using OrleansCqrs.EventSourcing.Diagnostics;

namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>
/// Reads the newest usable snapshot, and writes new ones in the background: the caller encodes the state at once
/// (on its own turn, so it is consistent) and never waits for — or hears about — the write.
/// </summary>
public sealed partial class SnapshotWriter(SnapshotStore store, EventSourcingMetrics metrics, ILogger<SnapshotWriter> logger)
{
    public void WriteInBackground(StoredSnapshot snapshot, int keep, string reason)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await store.WriteAsync(snapshot, keep);
                metrics.SnapshotWritten(reason);
            }
            catch (Exception error)
            {
                metrics.SnapshotWriteFailed();
                LogWriteFailed(logger, snapshot.TenantId, snapshot.StreamId, snapshot.Version, error.Message);
            }
        });
    }

    /// <summary>The newest snapshot that passes every check; each one that does not is logged and counted.</summary>
    public async Task<(TPayload Payload, long Version)?> ReadNewestUsableAsync<TPayload>(
        string tenantId, string streamId, int keep, Type stateType, CancellationToken cancellationToken)
        where TPayload : class
    {
        // Newest first, one at a time: the newest is nearly always usable, and snapshots are the large rows.
        for (var skip = 0; skip < Math.Max(keep, 1); skip++)
        {
            var snapshot = await store.ReadAsync(tenantId, streamId, skip, cancellationToken);
            if (snapshot is null)
            {
                break;
            }

            var (payload, rejection) = SnapshotCodec.Decode<TPayload>(snapshot, stateType);
            if (payload is not null)
            {
                return (payload, snapshot.Version);
            }

            metrics.SnapshotRejected(rejection!);
            LogRejected(logger, tenantId, streamId, snapshot.Version, rejection!);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of {TenantId}/{StreamId} at version {Version} not written: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string tenantId, string streamId, long version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of {TenantId}/{StreamId} at version {Version} ignored ({Reason}); replaying events instead")]
    private static partial void LogRejected(ILogger logger, string tenantId, string streamId, long version, string reason);
}
