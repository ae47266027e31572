using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using OrleansCqrs.EventSourcing.Diagnostics;
using OrleansCqrs.EventSourcing.LogConsistency;
using OrleansCqrs.EventSourcing.Snapshots;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Hosting;

public static class EventStoreSiloBuilderExtensions
{
    /// <summary>The provider name grains select with <c>[LogConsistencyProvider(ProviderName = "EventStore")]</c>.</summary>
    public const string DefaultProviderName = "EventStore";

    // Registering any built-in provider is the only public way to get Orleans' internal
    // Factory<IGrainContext, ILogConsistencyProtocolServices>; without it activation fails.
    private const string ProtocolServicesCarrier = "OrleansCqrs.ProtocolServices";

    /// <summary>
    /// Adds the log-consistency provider that keeps journaled grains' events in the <see cref="IEventStore"/>
    /// registered in the silo's services. With <paramref name="asDefault"/> it is also the provider of every
    /// <c>JournaledGrain</c> that names none (no <c>[LogConsistencyProvider]</c> attribute).
    /// </summary>
    public static ISiloBuilder AddEventStoreLogConsistencyProvider(
        this ISiloBuilder builder,
        string name = DefaultProviderName,
        Action<EventStoreLogConsistencyOptions>? configure = null,
        Action<SnapshotOptions>? snapshots = null,
        bool asDefault = false)
    {
        if (asDefault)
        {
            // Orleans takes the unkeyed factory for grains without the attribute, and "Default" for [LogConsistencyProvider].
            builder.Services.AddSingleton<ILogViewAdaptorFactory>(services => services.GetRequiredKeyedService<ILogViewAdaptorFactory>(name));
            builder.Services.AddKeyedSingleton<ILogViewAdaptorFactory>(
                Orleans.Providers.ProviderConstants.DEFAULT_LOG_CONSISTENCY_PROVIDER_NAME,
                (services, _) => services.GetRequiredKeyedService<ILogViewAdaptorFactory>(name));
        }

        if (snapshots is not null)
        {
            builder.Services.Configure(snapshots);
        }

        builder.AddCustomStorageBasedLogConsistencyProvider(ProtocolServicesCarrier);
        if (!builder.Services.Any(d => d.ImplementationType == typeof(StoreErrorContractFilter)))
        {
            builder.AddIncomingGrainCallFilter<StoreErrorContractFilter>();
        }

        var optionsBuilder = builder.Services.AddOptions<EventStoreLogConsistencyOptions>(name);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        builder.Services.TryAddSingleton<EventSourcingMetrics>();
        builder.Services.AddOptions<SnapshotOptions>();
        builder.Services.TryAddSingleton<SnapshotStore>();
        builder.Services.TryAddSingleton<SnapshotWriter>();
        builder.Services.AddKeyedSingleton<ILogViewAdaptorFactory>(name, (services, _) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<EventStoreLogConsistencyOptions>>().Get(name);
            options.Validate();
            return new EventStoreLogViewAdaptorFactory(
                services.GetRequiredService<IEventStore>(),
                options,
                services.GetRequiredService<EventSourcingMetrics>(),
                services.GetRequiredService<SnapshotWriter>(),
                services.GetRequiredService<IOptions<SnapshotOptions>>().Value,
                services.GetRequiredService<ILoggerFactory>());
        });
        return builder;
    }
}
