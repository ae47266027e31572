namespace OrleansCqrs.EventStore;

/// <summary>
/// An idempotency key came back with events other than the ones first appended under it. The first append under the
/// key ended at <see cref="OriginalLastVersion"/>: that is the key's outcome, and nothing was appended this time.
/// </summary>
public sealed class IdempotencyKeyReusedException(string tenantId, string streamId, string key, long originalLastVersion)
    : EventStoreException($"Idempotency key '{key}' was already used on stream '{streamId}' of tenant '{tenantId}' for different events (they ended at version {originalLastVersion}). Nothing was appended.")
{
    public string TenantId { get; } = tenantId;

    public string StreamId { get; } = streamId;

    public string Key { get; } = key;

    public long OriginalLastVersion { get; } = originalLastVersion;
}
