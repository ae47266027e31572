using Orleans.EventSourcing.Common;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>A read of the event store failed; reported to the grain through <c>OnConnectionIssue</c>.</summary>
[GenerateSerializer]
public sealed class StoreReadFailed : PrimaryOperationFailed
{
    public override string ToString() => $"reading the event store failed: {Exception.GetType().Name}: {Exception.Message}";
}

/// <summary>An append to the event store failed; reported to the grain through <c>OnConnectionIssue</c>.</summary>
[GenerateSerializer]
public sealed class StoreWriteFailed : PrimaryOperationFailed
{
    public override string ToString() => $"appending to the event store failed: {Exception.GetType().Name}: {Exception.Message}";
}
