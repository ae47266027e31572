namespace OrleansCqrs.EventSourcing.Projections;

public sealed class ProjectionOptions
{
    /// <summary>How often a log-following read model looks for new events once caught up.</summary>
    public TimeSpan LogPollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    public int LogPageSize { get; set; } = 1000;

    /// <summary>Events read per round trip by a rebuild.</summary>
    public int RebuildPageSize { get; set; } = 20_000;

    /// <summary>A rebuild commits its shadow tables and its position after about this many events, so a crash loses at most that much.</summary>
    public int RebuildChunkEvents { get; set; } = 250_000;

    /// <summary>
    /// How often a projection grain that failed to apply a delivery reads its aggregate's events from the store and
    /// applies them, until it succeeds (a reminder: it survives deactivation and silo restarts, and unlike the stream
    /// provider's retries it never gives up).
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often lag is measured for the metrics.</summary>
    public TimeSpan LagSampleInterval { get; set; } = TimeSpan.FromSeconds(1);
}
