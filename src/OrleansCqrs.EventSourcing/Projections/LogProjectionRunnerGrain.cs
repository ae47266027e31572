using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansCqrs.EventSourcing.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// Applies the global log to one read model, page by page; each page's rows and the checkpoint commit
/// together, and the checkpoint only moves from where this runner found it, so a second runner (or a
/// rebuild's hand-over) can never make it apply a page twice.
/// </summary>
internal sealed partial class LogProjectionRunnerGrain(
    ReadModels readModels,
    IEventStore store,
    NpgsqlDataSource database,
    IOptions<ProjectionOptions> options,
    ILogger<LogProjectionRunnerGrain> logger,
    Diagnostics.EventSourcingMetrics? metrics = null) : Grain, ILogProjectionRunnerGrain
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarnAgainAfter = TimeSpan.FromSeconds(30);

    private IGrainTimer? _timer;
    private int _failures;
    private DateTime _retryAt;
    private DateTime _warnedAt;

    public Task Ensure()
    {
        _timer ??= this.RegisterGrainTimer(
            RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, options.Value.LogPollInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (readModels.Get(this.GetPrimaryKeyString()) is not ILogReadModel model || DateTime.UtcNow < _retryAt)
        {
            return;
        }

        try
        {
            // Catch up in one tick when behind, but give the timer back within a second.
            var until = DateTime.UtcNow.AddSeconds(1);
            while (DateTime.UtcNow < until && await ApplyNextPageAsync(model, cancellationToken))
            {
            }

            if (_failures > 0)
            {
                LogResumed(logger, model.Name, _failures);
                _failures = 0;
            }
        }
        catch (Exception error) when (error is NpgsqlException or EventStoreException or TimeoutException)
        {
            // While the database is away, ask again less and less often, and say so now and then rather than every poll.
            _failures++;
            var pause = TimeSpan.FromMilliseconds(Math.Min(LongestPause.TotalMilliseconds, options.Value.LogPollInterval.TotalMilliseconds * Math.Pow(2, _failures)));
            _retryAt = DateTime.UtcNow + pause;
            if (_failures == 1 || DateTime.UtcNow - _warnedAt >= WarnAgainAfter)
            {
                _warnedAt = DateTime.UtcNow;
                LogPageFailed(logger, model.Name, _failures, error.Message);
            }
        }
    }

    /// <summary>True when a full page was applied (more may be waiting).</summary>
    private async Task<bool> ApplyNextPageAsync(ILogReadModel model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var (checkpoint, paused) = await ProjectionCheckpoints.LoadAsync(connection, model.Name, cancellationToken);
        if (paused)
        {
            return false;
        }

        var page = await store.ReadAllAsync(checkpoint, options.Value.LogPageSize, cancellationToken, UnreadableEvents.Return);
        if (page.Count == 0)
        {
            return false;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var events = page.Select(ProjectedEvent.From).ToList();
        // The runner reads each position once (its checkpoint only moves forward), so an unreadable event is parked
        // here and never met again: an operator's skip of it is a record, and a retry applies it from the store.
        var readable = events.Where(e => !e.IsUnreadable).ToList();
        var parked = events.Where(e => e.IsUnreadable).Select(e => (Event: e, Error: ((UnreadablePayload)e.Data).Reason)).ToList();
        await transaction.SaveAsync("page", cancellationToken);
        try
        {
            await model.ApplyAsync(connection, readable, cancellationToken);
        }
        catch (Exception error) when (error is not (NpgsqlException or OperationCanceledException))
        {
            // One event the read model cannot apply: apply the page event by event and park only those that fail.
            await transaction.RollbackAsync("page", cancellationToken);
            parked.AddRange(await ApplyOneByOneAsync(connection, transaction, model, readable, cancellationToken));
        }

        foreach (var (@event, error) in parked)
        {
            await ParkAsync(connection, model.Name, @event, error, cancellationToken);
        }

        if (!await ProjectionCheckpoints.AdvanceAsync(connection, model.Name, checkpoint, page[^1].Position, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false; // paused or moved meanwhile: read it again next time
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (@event, error) in parked)
        {
            metrics?.EventParked(model.Name);
            LogParked(logger, model.Name, @event.TenantId, @event.StreamId, @event.StreamVersion, @event.EventType, error);
        }

        return page.Count == options.Value.LogPageSize;
    }

    private static async Task<List<(ProjectedEvent Event, string Error)>> ApplyOneByOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ILogReadModel model, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken)
    {
        var failed = new List<(ProjectedEvent, string)>();
        foreach (var @event in events)
        {
            await transaction.SaveAsync("event", cancellationToken);
            try
            {
                await model.ApplyAsync(connection, [@event], cancellationToken);
                await transaction.ReleaseAsync("event", cancellationToken);
            }
            catch (Exception error) when (error is not (NpgsqlException or OperationCanceledException))
            {
                await transaction.RollbackAsync("event", cancellationToken);
                failed.Add((@event, ParkedEvents.ApplyFailure(error)));
            }
        }

        return failed;
    }

    private static async Task ParkAsync(NpgsqlConnection connection, string projection, ProjectedEvent @event, string error, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ParkedEvents.Park(projection, @event, error));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} parked event {EventType} at version {Version} of {Tenant}/{Stream} and went on past it: {Reason}. List with 'cqrs projections parked', then 'retry' after a fix or 'skip'")]
    private static partial void LogParked(ILogger logger, string projection, string tenant, string stream, long version, string eventType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} could not apply a page of the log ({Attempts} attempts so far): {Reason}")]
    private static partial void LogPageFailed(ILogger logger, string projection, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} follows the log again after {Attempts} failed attempts")]
    private static partial void LogResumed(ILogger logger, string projection, int attempts);
}
