using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansCqrs.EventSourcing.Diagnostics;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.EventSourcing.Hosting;

public static class ProjectionsSiloBuilderExtensions
{
    /// <summary>
    /// Adds read-model projections: runners for log-following read models, rebuilds, lag measurement and
    /// its metrics. Register each read model as an <see cref="IReadModel"/> singleton; aggregate-stream read
    /// models also need <see cref="EventStoreStreamsSiloBuilderExtensions.AddEventStoreStreams"/>.
    /// </summary>
    public static ISiloBuilder AddProjections(this ISiloBuilder builder, Action<ProjectionOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<ProjectionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<ReadModels>();
        builder.Services.TryAddSingleton<ProjectionLagMonitor>();
        builder.Services.TryAddSingleton<ProjectionRebuilder>();
        builder.Services.TryAddSingleton<ProjectionMetrics>();
        builder.Services.AddHostedService<ProjectionSupervisor>();
        // Gauges exist once something asks for the metrics object; make sure it is built with the silo.
        builder.Services.AddHostedService(sp => new MetricsActivation(sp.GetRequiredService<ProjectionMetrics>()));
        return builder;
    }

    private sealed class MetricsActivation(ProjectionMetrics metrics) : Microsoft.Extensions.Hosting.IHostedService
    {
        public ProjectionMetrics Metrics { get; } = metrics;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
