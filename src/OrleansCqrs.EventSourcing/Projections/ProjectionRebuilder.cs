using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using OrleansCqrs.EventSourcing.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// Rebuilds a read model from empty: reads the log in large pages, applies it in memory, writes shadow tables
/// with COPY chunk by chunk (each chunk commits with the rebuild's position, so a crash resumes from the last
/// one), then swaps the shadows in and hands over to live processing exactly where it stopped reading:
/// a log-fed read model's checkpoint is set to that position (its runner was paused meanwhile); an
/// aggregate-stream read model keeps the rows live processing wrote meanwhile when they are newer.
/// </summary>
public sealed class ProjectionRebuilder(IEventStore store, NpgsqlDataSource database, IOptions<ProjectionOptions> options)
{
    private const string ReadModelOwner = "orleanscqrs_readmodels";

    public async Task RunAsync(IReadModel model, Action<RebuildProgress> report, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One rebuild per read model at a time, cluster-wide; a crashed process's session (and lock) ends with it.
        await using (var claim = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('orleanscqrs.rebuild:' || $1))", connection))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
            if (!(bool)(await claim.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new InvalidOperationException($"Read model '{model.Name}' is being rebuilt by another process; its progress continues there.");
            }
        }

        try
        {
            await RunLockedAsync(connection, model, report, clock, cancellationToken);
        }
        finally
        {
            // Pooled connections keep session locks (the pool does not reset them): release it explicitly.
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtext('orleanscqrs.rebuild:' || $1))", connection);
            release.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task RunLockedAsync(
        NpgsqlConnection connection, IReadModel model, Action<RebuildProgress> report, Stopwatch clock, CancellationToken cancellationToken)
    {
        var total = await CountEventsAsync(connection, cancellationToken);
        var (suffix, position, applied) = await StartOrResumeAsync(connection, model, cancellationToken);
        string Shadow(string table) => $"readmodels.{table}__{suffix}";
        var builder = model.CreateBuilder();
        if (applied > 0)
        {
            await builder.LoadAsync(connection, Shadow, cancellationToken);
        }

        report(new RebuildProgress(model.Name, applied, total, false, clock.Elapsed.TotalSeconds, null));
        var sinceChunk = 0;
        var held = new HashSet<(string TenantId, string StreamId)>();
        while (true)
        {
            var page = await store.ReadAllAsync(position, options.Value.RebuildPageSize, cancellationToken, UnreadableEvents.Return);
            var parked = new List<(ProjectedEvent, string)>();
            foreach (var recorded in page)
            {
                // As live: an event that cannot be read or applied is parked, and a per-aggregate read model holds its
                // stream behind it; the others go on.
                var @event = ProjectedEvent.From(recorded);
                if (model.Feed == ProjectionFeed.AggregateStream && held.Contains((@event.TenantId, @event.StreamId)))
                {
                    continue;
                }

                string? error = (@event.Data as UnreadablePayload)?.Reason;
                if (error is null)
                {
                    try
                    {
                        builder.Apply(@event);
                    }
                    catch (Exception applyError)
                    {
                        error = ParkedEvents.ApplyFailure(applyError);
                    }
                }

                if (error is not null)
                {
                    held.Add((@event.TenantId, @event.StreamId));
                    parked.Add((@event, error));
                }
            }

            if (parked.Count > 0)
            {
                await using var batch = new NpgsqlBatch(connection);
                parked.ForEach(p => batch.BatchCommands.Add(ParkedEvents.Park(model.Name, p.Item1, p.Item2)));
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }

            if (page.Count > 0)
            {
                position = page[^1].Position;
                applied += page.Count;
                sinceChunk += page.Count;
            }

            var caughtUp = page.Count < options.Value.RebuildPageSize;
            if (sinceChunk >= options.Value.RebuildChunkEvents || caughtUp)
            {
                await CommitChunkAsync(connection, model, builder, Shadow, position, applied, cancellationToken);
                sinceChunk = 0;
                total = Math.Max(total, applied);
                report(new RebuildProgress(model.Name, applied, total, false, clock.Elapsed.TotalSeconds, null));
            }

            if (caughtUp)
            {
                break;
            }
        }

        await SwapAsync(connection, model, Shadow, position, cancellationToken);
        report(new RebuildProgress(model.Name, applied, Math.Max(total, applied), true, clock.Elapsed.TotalSeconds, null));
    }

    /// <summary>Read models whose rebuild was started and not finished, and has made no progress for <paramref name="idleFor"/> (zero: all).</summary>
    public async Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken, TimeSpan idleFor = default)
    {
        await using var command = database.CreateCommand("select projection from projections.rebuilds where updated_at <= now() - $1");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = idleFor });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<(string Suffix, GlobalPosition Position, long Applied)> StartOrResumeAsync(
        NpgsqlConnection connection, IReadModel model, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var suffix = "r" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        await using (var claim = new NpgsqlCommand(
            "insert into projections.rebuilds (projection, shadow_suffix) values ($1, $2) on conflict (projection) do nothing", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = suffix });
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await using var existing = new NpgsqlCommand(
                    "select shadow_suffix, transaction_id, position, events from projections.rebuilds where projection = $1", connection, transaction);
                existing.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
                await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                var resumed = (reader.GetString(0), new GlobalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)), reader.GetInt64(3));
                await reader.DisposeAsync();
                await transaction.CommitAsync(cancellationToken);
                return resumed;
            }
        }

        await ExecuteAsync(connection, $"set local role {ReadModelOwner}", cancellationToken);
        foreach (var table in model.Tables)
        {
            await ExecuteAsync(connection, $"create table readmodels.{table}__{suffix} (like readmodels.{table} including all)", cancellationToken);
        }

        await ExecuteAsync(connection, "reset role", cancellationToken);

        if (model.Feed == ProjectionFeed.GlobalLog)
        {
            // The live runner stops until the hand-over; its checkpoint is replaced then.
            await ProjectionCheckpoints.SetPausedAsync(connection, model.Name, paused: true, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (suffix, GlobalPosition.Start, 0);
    }

    private static async Task CommitChunkAsync(
        NpgsqlConnection connection, IReadModel model, IReadModelBuilder builder, Func<string, string> shadow,
        GlobalPosition position, long applied, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await builder.WriteAsync(connection, shadow, cancellationToken);
        await using var progress = new NpgsqlCommand(
            "update projections.rebuilds set transaction_id = $2, position = $3, events = $4, updated_at = now() where projection = $1", connection, transaction);
        progress.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
        progress.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        progress.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Position });
        progress.Parameters.Add(new NpgsqlParameter<long> { TypedValue = applied });
        await progress.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task SwapAsync(
        NpgsqlConnection connection, IReadModel model, Func<string, string> shadow, GlobalPosition position, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"set local role {ReadModelOwner}", cancellationToken);
        foreach (var table in model.Tables)
        {
            // Live writers wait here, and afterwards find the new table under the old name.
            await ExecuteAsync(connection, $"lock table readmodels.{table} in access exclusive mode", cancellationToken);
        }

        if (model.MergeLiveIntoShadow is { } merge)
        {
            foreach (var table in model.Tables)
            {
                merge = merge.Replace($"{{live:{table}}}", $"readmodels.{table}").Replace($"{{shadow:{table}}}", shadow(table));
            }

            await ExecuteAsync(connection, merge, cancellationToken);
        }

        foreach (var table in model.Tables)
        {
            await ExecuteAsync(connection, $"""
                drop table readmodels.{table};
                alter table {shadow(table)} rename to {table};
                """, cancellationToken);
        }

        await ExecuteAsync(connection, "reset role", cancellationToken);
        if (model.Feed == ProjectionFeed.GlobalLog)
        {
            await ProjectionCheckpoints.SetAsync(connection, model.Name, position, paused: false, cancellationToken);
        }

        await using (var done = new NpgsqlCommand("delete from projections.rebuilds where projection = $1", connection, transaction))
        {
            done.Parameters.Add(new NpgsqlParameter<string> { TypedValue = model.Name });
            await done.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<long> CountEventsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // The planner's estimate: exact counts of a large log cost seconds, and this only sizes a progress bar.
        await using var command = new NpgsqlCommand(
            "select greatest(reltuples::bigint, 0) from pg_class where oid = 'eventstore.events'::regclass", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
