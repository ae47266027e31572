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
}
