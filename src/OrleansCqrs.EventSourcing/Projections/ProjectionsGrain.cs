using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>Runs rebuilds in the background (one per read model at a time) and answers status queries.</summary>
internal sealed partial class ProjectionsGrain(
    ReadModels readModels,
    ProjectionRebuilder rebuilder,
    ProjectionLagMonitor monitor,
    NpgsqlDataSource database,
    ILogger<ProjectionsGrain> logger) : Grain, IProjectionsGrain
{
    private readonly Dictionary<string, RebuildProgress> _progress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ProjectionStatus>> GetStatus() => await monitor.MeasureAsync(SnapshotProgress(), CancellationToken.None);

    public Task<RebuildProgress> StartRebuild(string projection)
    {
        var model = readModels.Get(projection);
        lock (_progress)
        {
            if (_running.TryGetValue(model.Name, out var running) && !running.IsCompleted)
            {
                return Task.FromResult(_progress[model.Name]);
            }

            _progress[model.Name] = new RebuildProgress(model.Name, 0, 0, false, 0, null);
            // Off the grain's turn: a rebuild outlives any single call, and only touches the database and its progress.
            _running[model.Name] = Task.Run(() => RunAsync(model));
            return Task.FromResult(_progress[model.Name]);
        }
    }

    public Task<RebuildProgress?> GetRebuild(string projection)
    {
        readModels.Get(projection);
        lock (_progress)
        {
            return Task.FromResult(_progress.GetValueOrDefault(projection));
        }
    }

    public async Task SetPaused(string projection, bool paused)
    {
        var model = readModels.Get(projection);
        if (model.Feed != ProjectionFeed.GlobalLog)
        {
            throw new ArgumentException($"Read model '{projection}' is fed per aggregate by the stream provider; only log-following read models pause.");
        }

        await using var connection = await database.OpenConnectionAsync();
        await ProjectionCheckpoints.SetPausedAsync(connection, model.Name, paused, CancellationToken.None);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Rebuilds run for minutes without calls; stay active while any does.
        this.RegisterGrainTimer(
            () =>
            {
                lock (_progress)
                {
                    if (_running.Values.Any(t => !t.IsCompleted))
                    {
                        DelayDeactivation(TimeSpan.FromMinutes(2));
                    }
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)));
        return base.OnActivateAsync(cancellationToken);
    }

    private async Task RunAsync(IReadModel model)
    {
        try
        {
            await rebuilder.RunAsync(model, progress => { lock (_progress) { _progress[model.Name] = progress; } }, CancellationToken.None);
            LogRebuilt(logger, model.Name, _progress[model.Name].EventsApplied, _progress[model.Name].Seconds);
        }
        catch (Exception error)
        {
            LogRebuildFailed(logger, error, model.Name);
            lock (_progress)
            {
                _progress[model.Name] = _progress[model.Name] with { Error = error.Message };
            }
        }
    }

    private Dictionary<string, RebuildProgress> SnapshotProgress()
    {
        lock (_progress)
        {
            return new Dictionary<string, RebuildProgress>(_progress);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt read model {Projection}: {Events} events in {Seconds:0.0} s")]
    private static partial void LogRebuilt(ILogger logger, string projection, long events, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild of read model {Projection} failed; starting it again resumes from its last chunk")]
    private static partial void LogRebuildFailed(ILogger logger, Exception error, string projection);
}
