namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>Snapshot defaults for aggregates and projection grains; a grain type overrides them with <see cref="SnapshotPolicyAttribute"/>.</summary>
public sealed class SnapshotOptions
{
    /// <summary>Take a snapshot every this many events (0: never, except when the replay budget is exceeded).</summary>
    public int Every { get; set; } = 100;

    /// <summary>Snapshots kept per stream; older ones are removed when a new one is written.</summary>
    public int Keep { get; set; } = 2;

    /// <summary>
    /// A grain deactivated with at least this many events since its last snapshot takes one on the way out
    /// (0: never), so the next activation replays little even when the interval was not reached.
    /// </summary>
    public int OnDeactivationAfterEvents { get; set; } = 20;

    /// <summary>An activation that replays more events than this takes a snapshot at once.</summary>
    public int ReplayBudgetEvents { get; set; } = 1000;

    /// <summary>An activation whose replay takes longer than this takes a snapshot at once.</summary>
    public TimeSpan ReplayBudgetTime { get; set; } = TimeSpan.FromMilliseconds(100);

    internal (int Every, int Keep) PolicyFor(Type grainType)
    {
        var attribute = grainType.GetCustomAttributes(typeof(SnapshotPolicyAttribute), inherit: true).OfType<SnapshotPolicyAttribute>().FirstOrDefault();
        return (attribute is { Every: >= 0 } ? attribute.Every : Every, attribute is { Keep: >= 1 } ? attribute.Keep : Keep);
    }
}
