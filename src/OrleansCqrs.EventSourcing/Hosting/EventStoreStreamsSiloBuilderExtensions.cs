using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Streams;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.EventSourcing.Hosting;

public static class EventStoreStreamsSiloBuilderExtensions
{
    public const string DefaultProviderName = "EventStore";

    /// <summary>
    /// Adds a persistent stream provider fed by the event store's global log: every committed event is
    /// delivered (at least once, in order per stream) to implicit subscribers of its aggregate's stream.
    /// </summary>
    public static ISiloBuilder AddEventStoreStreams(
        this ISiloBuilder builder, string name = DefaultProviderName, Action<EventStoreStreamOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<EventStoreStreamOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<PartitionCheckpoints>();
        builder.Services.AddKeyedSingleton<Orleans.Runtime.Providers.IQueueReaderBackoffProvider>(name, new QueueReaderBackoff());
        var configured = new EventStoreStreamOptions();
        configure?.Invoke(configured);
        builder.AddPersistentStreams(name, EventStoreQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.GetQueueMsgsTimerPeriod = configured.PollInterval;
                o.MaxEventDeliveryTime = configured.MaxDeliveryTime;
                // Up to this many of a stream's events go to its projection grains in one call (and one write).
                o.BatchContainerBatchSize = 100;
            }));
        });
        return builder;
    }
}
