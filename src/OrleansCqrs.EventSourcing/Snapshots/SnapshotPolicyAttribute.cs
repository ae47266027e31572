namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>
/// How often a grain type snapshots its state (every <see cref="Every"/> events; 0 turns snapshots off) and how
/// many snapshots per stream compaction keeps. Without it the provider's options apply.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SnapshotPolicyAttribute : Attribute
{
    public int Every { get; init; } = -1;

    public int Keep { get; init; } = -1;
}
