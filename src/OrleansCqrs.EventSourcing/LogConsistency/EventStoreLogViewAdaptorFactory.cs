using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.Storage;
using OrleansCqrs.EventSourcing.Diagnostics;
using OrleansCqrs.EventSourcing.Snapshots;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>The "EventStore" log-consistency provider: journaled grains keep their events in <see cref="IEventStore"/>.</summary>
public sealed class EventStoreLogViewAdaptorFactory(
    IEventStore store,
    EventStoreLogConsistencyOptions options,
    EventSourcingMetrics metrics,
    SnapshotWriter snapshots,
    SnapshotOptions snapshotOptions,
    ILoggerFactory loggerFactory) : ILogViewAdaptorFactory
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("OrleansCqrs.EventSourcing.EventStoreLogConsistency");

    public bool UsesStorageProvider => false;

    public ILogViewAdaptor<TView, TEntry> MakeLogViewAdaptor<TView, TEntry>(
        ILogViewAdaptorHost<TView, TEntry> hostGrain,
        TView initialState,
        string grainTypeName,
        IGrainStorage? grainStorage,
        ILogConsistencyProtocolServices services)
        where TView : class, new()
        where TEntry : class =>
        new EventStoreLogViewAdaptor<TView, TEntry>(hostGrain, initialState, services, store, options, metrics, snapshots, snapshotOptions, _logger);
}
