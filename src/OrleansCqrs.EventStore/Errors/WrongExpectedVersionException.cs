namespace OrleansCqrs.EventStore;

/// <summary>The stream was not at the version the writer expected; nothing was appended.</summary>
public sealed class WrongExpectedVersionException(string tenantId, string streamId, ExpectedVersion expected, long actualVersion)
    : EventStoreException($"Stream '{streamId}' of tenant '{tenantId}' is at version {actualVersion}, but the append expected {expected}. Nothing was appended.")
{
    public string TenantId { get; } = tenantId;

    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The stream's version when the append was checked; 0 when it has no events.</summary>
    public long ActualVersion { get; } = actualVersion;
}
