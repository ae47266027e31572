namespace OrleansCqrs.EventStore.Postgres;

/// <summary>One validated, serialised append waiting for its transaction, and the caller waiting for its answer.</summary>
internal sealed class AppendRequest(
    string tenantId,
    string streamId,
    ExpectedVersion expectedVersion,
    IReadOnlyList<SerializedEvent> events,
    string? idempotencyKey,
    byte[]? requestHash)
{
    private readonly TaskCompletionSource<AppendResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TenantId { get; } = tenantId;

    public string StreamId { get; } = streamId;

    public ExpectedVersion ExpectedVersion { get; } = expectedVersion;

    public IReadOnlyList<SerializedEvent> Events { get; } = events;

    public string? IdempotencyKey { get; } = idempotencyKey;

    /// <summary>SHA-256 of the events' types, versions and payloads; only with an idempotency key.</summary>
    public byte[]? RequestHash { get; } = requestHash;

    public Task<AppendResult> Completion => _completion.Task;

    public void Succeed(AppendResult result) => _completion.TrySetResult(result);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
