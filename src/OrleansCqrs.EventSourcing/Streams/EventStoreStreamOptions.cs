namespace OrleansCqrs.EventSourcing.Streams;

public sealed class EventStoreStreamOptions
{
    /// <summary>Partitions of the log; each has one receiver in the cluster, reading the events of its streams in log order.</summary>
    public int Partitions { get; set; } = 2;

    /// <summary>Events read per poll of the log.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How often a receiver looks for new events when it has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long Orleans retries delivering an event to a projection grain before it gives up on that delivery. A
    /// projection grain fails a delivery only when it could store neither its rows nor its catch-up reminder (the
    /// database is away): long enough to outlast an ordinary database restart. An event given up on holds the
    /// partition's checkpoint until a silo restarts the partition, which then reads and delivers it again.
    /// </summary>
    public TimeSpan MaxDeliveryTime { get; set; } = TimeSpan.FromMinutes(10);

    internal void Validate()
    {
        if (Partitions < 1) throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "At least one partition is needed.");
        if (PageSize < 1) throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "PageSize must be at least 1.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        if (MaxDeliveryTime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDeliveryTime), MaxDeliveryTime, "MaxDeliveryTime must be positive.");
    }
}
