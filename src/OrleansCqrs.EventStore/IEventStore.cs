namespace OrleansCqrs.EventStore;

public interface IEventStore
{
    /// <summary>
    /// Appends events to one stream if it is at the expected version. With an idempotency key, a
    /// repeat of an earlier request returns that request's result and writes nothing.
    /// Cancellation is honoured until the request is queued for its transaction; after that the
    /// append runs to its end, so an acknowledged append is always durable.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream is not at the expected version.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The key was used for different events.</exception>
    /// <exception cref="AppendOutcomeUnknownException">The connection failed around the commit; retry with the same key.</exception>
    /// <exception cref="EventStoreUnavailableException">The database could not be reached; nothing was appended.</exception>
    /// <exception cref="AppendRejectedException">PostgreSQL refused this append; nothing was appended.</exception>
    Task<AppendResult> AppendAsync(
        string tenantId,
        string streamId,
        ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events,
        string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The durable outcome of the append that first used <paramref name="idempotencyKey"/> on the stream, however
    /// long ago; null when no append used it.
    /// </summary>
    Task<IdempotencyRecord?> ReadIdempotencyRecordAsync(
        string tenantId,
        string streamId,
        string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>Reads at most <paramref name="maxCount"/> events of one stream, starting at <paramref name="fromVersion"/> inclusive.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string tenantId,
        string streamId,
        long fromVersion,
        int maxCount,
        ReadDirection direction = ReadDirection.Forwards,
        CancellationToken cancellationToken = default,
        UnreadableEvents unreadable = UnreadableEvents.Throw);

    /// <summary>
    /// Reads the global log of every tenant after <paramref name="after"/>. It never skips an event:
    /// an event becomes visible only when no transaction that could still commit before it is open.
    /// This is an administrative read across tenants, for projections and subscriptions.
    /// </summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        GlobalPosition after,
        int maxCount,
        CancellationToken cancellationToken = default,
        UnreadableEvents unreadable = UnreadableEvents.Throw);
}
