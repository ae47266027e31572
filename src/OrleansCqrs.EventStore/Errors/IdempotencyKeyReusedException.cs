namespace OrleansCqrs.EventStore;

/// <summary>An idempotency key came back with events other than the ones first appended under it.</summary>
public sealed class IdempotencyKeyReusedException(string tenantId, string streamId, string key)
    : EventStoreException($"Idempotency key '{key}' was already used on stream '{streamId}' of tenant '{tenantId}' for different events. Nothing was appended.")
{
    public string TenantId { get; } = tenantId;

    public string StreamId { get; } = streamId;

    public string Key { get; } = key;
}
