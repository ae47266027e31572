using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using OrleansCqrs.EventSourcing.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// Measures each read model against the log, from the database itself: log-fed ones by their checkpoint,
/// aggregate-stream ones by the events after the slowest partition's checkpoint that their rows do not
/// reflect yet. Every silo sees the same figures.
/// Lag counts every committed event, including those readers cannot take yet because an older transaction is
/// still open: an acknowledged command is behind until its projection has it, or "caught up" would lie.
/// </summary>
public sealed class ProjectionLagMonitor(
    ReadModels readModels,
    NpgsqlDataSource database,
    IOptionsMonitor<EventStoreStreamOptions> streamOptions)
{
    private volatile IReadOnlyList<ProjectionStatus> _last = [];

    /// <summary>The latest measurement (empty before the first).</summary>
    public IReadOnlyList<ProjectionStatus> Last => _last;

    /// <summary>True when the latest measurement succeeded; false when the database could not be asked (lag unknown).</summary>
    public bool Measured { get; private set; }

    public async Task<IReadOnlyList<ProjectionStatus>> MeasureAsync(IReadOnlyDictionary<string, RebuildProgress> rebuilds, CancellationToken cancellationToken)
    {
        try
        {
            var statuses = await MeasureCoreAsync(rebuilds, cancellationToken);
            Measured = true;
            return statuses;
        }
        catch
        {
            // No sample rather than a stale or zero one: the lag gauges then report nothing (unknown), and
            // orleanscqrs.projection.lag_measured reads 0, so an alert tells "cannot measure" from "caught up".
            _last = [];
            Measured = false;
            throw;
        }
    }

    private async Task<IReadOnlyList<ProjectionStatus>> MeasureCoreAsync(IReadOnlyDictionary<string, RebuildProgress> rebuilds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var head = await HeadAsync(connection, cancellationToken);
        var partitions = await SlowestPartitionAsync(connection, cancellationToken);
        var parkedByModel = await ParkedEvents.CountParkedAsync(connection, cancellationToken);
        var statuses = new List<ProjectionStatus>();
        foreach (var model in readModels.All.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            GlobalPosition checkpoint;
            var paused = false;
            string condition;
            if (model.Feed == ProjectionFeed.GlobalLog)
            {
                (checkpoint, paused) = await ProjectionCheckpoints.LoadAsync(connection, model.Name, cancellationToken);
                condition = "true";
            }
            else
            {
                checkpoint = partitions;
                // A stream held behind a parked event is reported as parked, not as lag that never drains.
                condition = $"""
                    ({model.NotYetReflected ?? "true"}) and not exists (select 1 from projections.parked_events p
                        where p.projection = $3 and p.status = '{ParkedEvents.Parked}' and p.tenant_id = e.tenant_id
                          and p.stream_id = e.stream_id and p.stream_version <= e.stream_version)
                    """;
            }

            var (behind, oldest) = await BehindAsync(connection, model.Name, checkpoint, condition, cancellationToken);
            var parked = parkedByModel.GetValueOrDefault(model.Name);
            var seconds = oldest is { } since ? Math.Max(0, (DateTimeOffset.UtcNow - since).TotalSeconds) : 0;
            statuses.Add(new ProjectionStatus(
                model.Name,
                model.Feed == ProjectionFeed.GlobalLog ? "log" : "stream",
                checkpoint.ToString(),
                head.ToString(),
                behind,
                seconds,
                paused,
                rebuilds.GetValueOrDefault(model.Name),
                parked));
        }

        _last = statuses;
        return statuses;
    }

    private static async Task<GlobalPosition> HeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select transaction_id, global_position from eventstore.events order by transaction_id desc, global_position desc limit 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : GlobalPosition.Start;
    }

    private async Task<GlobalPosition> SlowestPartitionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var provider = Hosting.EventStoreStreamsSiloBuilderExtensions.DefaultProviderName;
        await using var command = new NpgsqlCommand(
            "select transaction_id, position from projections.partition_checkpoints where provider = $1 order by transaction_id, position", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = provider });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<GlobalPosition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)));
        }

        // A partition that never checkpointed has delivered nothing yet.
        return rows.Count < streamOptions.Get(provider).Partitions ? GlobalPosition.Start : rows[0];
    }

    private static async Task<(long Behind, DateTimeOffset? Oldest)> BehindAsync(
        NpgsqlConnection connection, string projection, GlobalPosition after, string condition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select count(*), min(e.recorded_at) from eventstore.events e
            where (e.transaction_id, e.global_position) > ($1, $2) and ({condition})
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}
