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
        builder.Services.TryAddSingleton<ReadModelWriter>();
        builder.Services.TryAddSingleton<ProjectionMetrics>();
        builder.Services.AddHostedService<ProjectionSupervisor>();
        return builder;
    }
}
