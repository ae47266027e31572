namespace OrleansCqrs.EventSourcing.Tests.Snapshots.V1
{
    public sealed record Counter(int Value, string Label);
}

namespace OrleansCqrs.EventSourcing.Tests.Snapshots.V2
{
    /// <summary>The same shape as V1, with its meaning changed: the version is bumped.</summary>
    [EventSourcing.Snapshots.StateSchemaVersion(2)]
    public sealed record Counter(int Value, string Label);
}

namespace OrleansCqrs.EventSourcing.Tests.Snapshots.ChangedShape
{
    /// <summary>Someone changed a property's type and forgot the version.</summary>
    public sealed record Counter(long Value, string Label);
}
