using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>The persistent stream provider over the event store's log.</summary>
internal sealed class EventStoreQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly EventStoreQueueAdapter _adapter;
    private readonly SimpleQueueAdapterCache _cache;

    private EventStoreQueueAdapterFactory(string name, EventStoreStreamOptions options, IServiceProvider services)
    {
        options.Validate();
        _name = name;
        _mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.Partitions }, name);
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _adapter = new EventStoreQueueAdapter(
            name, _mapper, services.GetRequiredService<IEventStore>(), services.GetRequiredService<PartitionCheckpoints>(), options, loggerFactory);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions(), name, loggerFactory);
    }

    public static IQueueAdapterFactory Create(IServiceProvider services, string name) =>
        new EventStoreQueueAdapterFactory(name, services.GetRequiredService<IOptionsMonitor<EventStoreStreamOptions>>().Get(name), services);

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(_adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    public override string ToString() => _name;
}
