namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>Operations on the cluster's read models. Use key 0.</summary>
public interface IProjectionsGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<ProjectionStatus>> GetStatus();

    /// <summary>Starts (or resumes) rebuilding a read model from empty; returns at once. Unknown names throw <see cref="ArgumentException"/>.</summary>
    Task<RebuildProgress> StartRebuild(string projection);

    /// <summary>The current or last rebuild of a read model in this cluster activation; null when none ran.</summary>
    Task<RebuildProgress?> GetRebuild(string projection);

    /// <summary>Stops or resumes a log-following projection (its checkpoint stays where it is).</summary>
    Task SetPaused(string projection, bool paused);

    /// <summary>Events read models parked (all read models when <paramref name="projection"/> is null).</summary>
    Task<IReadOnlyList<ParkedEvent>> GetParked(string? projection);

    /// <summary>
    /// Tries a read model's parked events again (after a fix, such as registering an event type): each one that now
    /// applies is removed, with everything its stream held behind it. Returns those still parked.
    /// </summary>
    Task<IReadOnlyList<ParkedEvent>> RetryParked(string projection);

    /// <summary>
    /// Records an operator's decision to go on without one parked event: the read model then treats it as an event it
    /// does not handle, and a per-aggregate one releases the stream behind it. False when no such event is parked.
    /// </summary>
    Task<bool> SkipParked(string projection, string tenantId, string streamId, long streamVersion);
}
