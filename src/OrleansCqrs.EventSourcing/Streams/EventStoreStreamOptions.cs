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
    /// How long Orleans retries delivering an event to a projection grain before it gives up on that delivery
    /// (the grain then catches up from the store: <see cref="Projections.ProjectionOptions.CatchUpInterval"/>).
    /// </summary>
    public TimeSpan MaxDeliveryTime { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (Partitions < 1) throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "At least one partition is needed.");
        if (PageSize < 1) throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "PageSize must be at least 1.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        if (MaxDeliveryTime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxDeliveryTime), MaxDeliveryTime, "MaxDeliveryTime must be positive.");
    }
}
