namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>Follows the global log for one log-fed read model (key: its name). Kept running by <see cref="ProjectionSupervisor"/>.</summary>
public interface ILogProjectionRunnerGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the runner is active and polling.</summary>
    Task Ensure();
}
