using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>A projection grain keyed like its aggregate (implicit stream subscriptions need the string key).</summary>
public interface IAggregateProjectionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Hands the projection one event as the stream provider would: duplicates are dropped, gaps are filled
    /// from the store. For operators replaying an event, and for tests of redelivery.
    /// </summary>
    Task Deliver(ProjectedEvent @event);

    /// <summary>Tries the stream's parked events again, and everything held behind them, from the store.</summary>
    Task RetryParked(string storeStreamId);
}
