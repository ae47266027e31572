using Npgsql;
using NpgsqlTypes;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>The event store on PostgreSQL. One instance per process; it is safe for concurrent use.</summary>
public sealed class PostgresEventStore : IEventStore, IAsyncDisposable
{
    private const string ReadForwardsSql =
        $"select {EventRows.Columns} from eventstore.events " +
        "where tenant_id = $1 and stream_id = $2 and stream_version >= $3 order by stream_version limit $4";

    private const string ReadBackwardsSql =
        $"select {EventRows.Columns} from eventstore.events " +
        "where tenant_id = $1 and stream_id = $2 and stream_version <= $3 order by stream_version desc limit $4";

    // Only transactions older than every transaction still open are visible: one that took a
    // lower position but commits later can then never be passed over by a reader's checkpoint.
    private const string ReadAllSql =
        $"select {EventRows.Columns} from eventstore.events " +
        "where (transaction_id, global_position) > ($1, $2) " +
        "and transaction_id < pg_snapshot_xmin(pg_current_snapshot()) " +
        "order by transaction_id, global_position limit $3";

    private const string ReadIdempotencySql =
        "select first_version, last_version, created_at from eventstore.idempotency " +
        "where tenant_id = $1 and stream_id = $2 and idempotency_key = $3";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly EventStoreOptions _options;
    private readonly EventSerializer _serializer;
    private readonly AppendTransaction _appendTransaction;
    private readonly GroupCommitAppender? _groupCommit;

    public PostgresEventStore(NpgsqlDataSource dataSource, EventTypeRegistry registry, EventStoreOptions? options = null)
        : this(dataSource, ownsDataSource: false, registry, Checked(registry, options))
    {
    }

    private PostgresEventStore(NpgsqlDataSource dataSource, bool ownsDataSource, EventTypeRegistry registry, EventStoreOptions options)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _serializer = new EventSerializer(registry, options.JsonOptions, options.MaxPayloadBytes);
        _appendTransaction = new AppendTransaction(dataSource);
        _groupCommit = options.GroupCommit
            ? new GroupCommitAppender(_appendTransaction, options.MaxGroupSize, options.MaxConcurrentGroups)
            : null;
    }

    /// <summary>Creates a store with its own pooled data source, disposed with the store.</summary>
    public static PostgresEventStore Create(string connectionString, EventTypeRegistry registry, EventStoreOptions? options = null)
    {
        // Checked before the data source exists, so a refused setting leaves nothing to dispose.
        var checkedOptions = Checked(registry, options);
        return new(EventStoreDataSource.Create(connectionString), ownsDataSource: true, registry, checkedOptions);
    }

    private static EventStoreOptions Checked(EventTypeRegistry registry, EventStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new EventStoreOptions();
        options.Validate();
        registry.CheckRoundTrip(options.JsonOptions);
        return options;
    }

    public Task<AppendResult> AppendAsync(
        string tenantId,
        string streamId,
        ExpectedVersion expectedVersion,
        IReadOnlyList<NewEvent> events,
        string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        AppendRequest request;
        try
        {
            request = CreateRequest(tenantId, streamId, expectedVersion, events, idempotencyKey);
        }
        catch (EventStoreException refused)
        {
            // As a faulted task, like every other failure: a caller that starts many appends sees each one's own error.
            return Task.FromException<AppendResult>(refused);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_groupCommit is not null)
        {
            return _groupCommit.AppendAsync(request);
        }

        return AppendAloneAsync(request);
    }

    private async Task<AppendResult> AppendAloneAsync(AppendRequest request)
    {
        await _appendTransaction.RunAsync([request]);
        return await request.Completion;
    }

    internal AppendRequest CreateRequest(
        string tenantId, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<NewEvent> events, string? idempotencyKey)
    {
        InputRules.CheckTenantId(tenantId);
        InputRules.CheckStreamId(streamId);
        InputRules.CheckIdempotencyKey(idempotencyKey);

        if (events is null || events.Count == 0)
        {
            throw new EmptyAppendException(streamId);
        }

        if (events.Count > _options.MaxEventsPerAppend)
        {
            throw new TooManyEventsException(streamId, events.Count, _options.MaxEventsPerAppend);
        }

        // Everything a request can fail on is checked here, before it joins a group: in the group it could only
        // fail the whole transaction, and with it every other caller's append.
        var serialized = new SerializedEvent[events.Count];
        var size = 0L;
        var eventIds = events.Count > 1 ? new HashSet<Guid>() : null;
        for (var i = 0; i < events.Count; i++)
        {
            var newEvent = events[i];
            if (newEvent?.Data is null)
            {
                throw new NullEventException(streamId, i);
            }

            serialized[i] = _serializer.Serialize(newEvent, i);
            size += serialized[i].Data.Length + serialized[i].Metadata.Length;
            if (eventIds is not null && !eventIds.Add(serialized[i].EventId))
            {
                throw new DuplicateEventIdException(streamId, serialized[i].EventId);
            }
        }

        if (size > _options.MaxAppendBytes)
        {
            throw new AppendTooLargeException(streamId, size, _options.MaxAppendBytes);
        }

        var hash = idempotencyKey is null ? null : RequestHash.Of(serialized);
        return new AppendRequest(tenantId, streamId, expectedVersion, serialized, idempotencyKey, hash);
    }

    public async Task<IdempotencyRecord?> ReadIdempotencyRecordAsync(
        string tenantId, string streamId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        InputRules.CheckTenantId(tenantId);
        InputRules.CheckStreamId(streamId);
        InputRules.CheckIdempotencyKey(idempotencyKey);
        ArgumentNullException.ThrowIfNull(idempotencyKey);

        return await StoreRead.RunAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand(ReadIdempotencySql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new IdempotencyRecord(idempotencyKey, reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2))
                : null;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string tenantId,
        string streamId,
        long fromVersion,
        int maxCount,
        ReadDirection direction = ReadDirection.Forwards,
        CancellationToken cancellationToken = default,
        UnreadableEvents unreadable = UnreadableEvents.Throw)
    {
        InputRules.CheckTenantId(tenantId);
        InputRules.CheckStreamId(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);

        return await StoreRead.RunAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand(direction == ReadDirection.Forwards ? ReadForwardsSql : ReadBackwardsSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromVersion, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
            return await ReadEventsAsync(command, maxCount, unreadable, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        GlobalPosition after, int maxCount, CancellationToken cancellationToken = default, UnreadableEvents unreadable = UnreadableEvents.Throw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);

        return await StoreRead.RunAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand(ReadAllSql);
            command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = after.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
            return await ReadEventsAsync(command, maxCount, unreadable, cancellationToken);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(
        NpgsqlCommand command, int maxCount, UnreadableEvents unreadable, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>(Math.Min(maxCount, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(EventRows.Read(reader, _serializer, unreadable));
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (_groupCommit is not null)
        {
            await _groupCommit.DisposeAsync();
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
