using OrleansCqrs.EventSourcing.Aggregates;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>What an aggregate grain sees of its log-view adaptor beyond what <c>JournaledGrain</c> offers.</summary>
public interface IEventStoreLogView
{
    AggregateStream Stream { get; }

    /// <summary>The command whose events are being raised; stamped on each submitted event's metadata.</summary>
    string? RaisingCommandId { get; set; }

    /// <summary>Why the confirmed view could not be brought up to date, or null when it is current.</summary>
    Exception? LoadFailure { get; }

    /// <summary>When the last load failed.</summary>
    DateTimeOffset LoadFailedAt { get; }

    /// <summary>True when an append's outcome is unknown and the view must catch up before the next decision.</summary>
    bool MayBeBehind { get; }

    /// <summary>The stream version after <paramref name="commandId"/>'s events, when it is among the remembered commands.</summary>
    bool TryGetCommandVersion(string commandId, out long version);

    /// <summary>
    /// The stream version after <paramref name="commandId"/>'s events, from memory or, when the grain may have
    /// forgotten it, from the store's durable idempotency record; null when the command was never applied.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store could not be asked within the store timeout.</exception>
    Task<long?> FindAppliedCommandAsync(string commandId);

    /// <summary>Takes a snapshot (in the background) when the grain leaves far enough past its last one.</summary>
    void SnapshotOnDeactivation();

    /// <summary>Reads stored events of this aggregate's stream, with their metadata.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(long fromVersion, int maxCount, UnreadableEvents unreadable = UnreadableEvents.Throw);
}
