using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCqrs.EventSourcing.Diagnostics;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// On every silo: keeps each log-following read model's runner active (it moves to another silo when its
/// silo dies), resumes rebuilds a crash interrupted, and samples lag for the metrics.
/// </summary>
internal sealed partial class ProjectionSupervisor(
    IGrainFactory grains,
    ReadModels readModels,
    ProjectionRebuilder rebuilder,
    ProjectionLagMonitor monitor,
#pragma warning disable CS9113 // Taken so the lag gauges exist on every silo, fed by the samples taken here.
    ProjectionMetrics gauges,
#pragma warning restore CS9113
    IOptions<ProjectionOptions> options,
    ILogger<ProjectionSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan EnsureInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextEnsure = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow >= nextEnsure)
                {
                    foreach (var model in readModels.All.Where(m => m.Feed == ProjectionFeed.GlobalLog))
                    {
                        await grains.GetGrain<ILogProjectionRunnerGrain>(model.Name).Ensure();
                    }

                    // A rebuild that stopped moving was interrupted (its process died): take it up from its last chunk.
                    foreach (var unfinished in await rebuilder.UnfinishedAsync(stoppingToken, idleFor: TimeSpan.FromSeconds(30)))
                    {
                        await grains.GetGrain<IProjectionsGrain>(0).StartRebuild(unfinished);
                    }

                    nextEnsure = DateTime.UtcNow + EnsureInterval;
                }

                await monitor.MeasureAsync(new Dictionary<string, RebuildProgress>(), stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may not have joined the cluster yet, or the database may be away: try again next round.
                LogRoundFailed(logger, error.Message);
            }

            try
            {
                await Task.Delay(options.Value.LagSampleInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Projection supervision round failed: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);
}
