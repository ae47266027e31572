using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.EventSourcing.Common;
using OrleansCqrs.EventSourcing.Aggregates;
using OrleansCqrs.EventSourcing.Diagnostics;
using OrleansCqrs.EventSourcing.Snapshots;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.LogConsistency;

/// <summary>
/// Keeps a grain's view in step with its stream in the event store. Reads catch up from the confirmed
/// version; writes append the pending batch with <c>Exactly(confirmed version)</c> and a stable event id
/// per event, so a write whose reply was lost is recognised (by the command id as idempotency key, or by
/// the event ids found in the stream) and never written twice. Every store call is bounded by
/// <see cref="EventStoreLogConsistencyOptions.StoreTimeout"/>: past it the waiting command fails with a
/// typed error instead of hanging in <c>ConfirmEvents</c>, and the next command tries the store again.
/// </summary>
internal sealed class EventStoreLogViewAdaptor<TView, TEntry>
    : PrimaryBasedLogViewAdaptor<TView, TEntry, EventSubmission<TEntry>>, ILogViewAdaptor<TView, TEntry>, IEventStoreLogView
    where TView : class, new()
    where TEntry : class
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IEventStore _store;
    private readonly EventStoreLogConsistencyOptions _options;
    private readonly EventSourcingMetrics _metrics;
    private readonly ILogger _logger;
    private readonly RememberedCommands _commands;
    private readonly AggregateStream? _stream;
    private readonly InvalidAggregateIdException? _streamError;
    private readonly SnapshotWriter _snapshots;
    private readonly SnapshotOptions _snapshotOptions;
    private readonly (int Every, int Keep) _snapshotPolicy;

    // Raised events the store refused or never confirmed, that no conditional raise was waiting for (plain
    // RaiseEvent): the next ConfirmEvents or RefreshNow throws the first of them, so nothing gone is reported done.
    private AggregateStoreException? _unreportedFailure;

    private TView _confirmed = null!;
    private int _version;
    private long _snapshotVersion;
    private bool _loadedOnce;

    public EventStoreLogViewAdaptor(
        ILogViewAdaptorHost<TView, TEntry> host,
        TView initialState,
        ILogConsistencyProtocolServices services,
        IEventStore store,
        EventStoreLogConsistencyOptions options,
        EventSourcingMetrics metrics,
        SnapshotWriter snapshots,
        SnapshotOptions snapshotOptions,
        ILogger logger)
        : base(host, initialState, services)
    {
        _snapshots = snapshots;
        _snapshotOptions = snapshotOptions;
        _snapshotPolicy = snapshotOptions.PolicyFor(host.GetType());
        _store = store;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _commands = new RememberedCommands(options.RememberedCommands);
        try
        {
            var aggregateType = host.GetType().GetCustomAttributes(typeof(AggregateTypeAttribute), inherit: false)
                .OfType<AggregateTypeAttribute>().FirstOrDefault()?.Name;
            _stream = AggregateStream.From(services.GrainId, aggregateType);
        }
        catch (InvalidAggregateIdException invalid)
        {
            _streamError = invalid;
        }

        (host as IEventStoreLogViewHost)?.Attach(this);
    }

    public AggregateStream Stream => _stream ?? throw _streamError!;

    /// <summary>The stream for log lines: never throws, even for a key that names no stream.</summary>
    private string StreamName => _stream?.ToString() ?? "(invalid aggregate id)";

    public string? RaisingCommandId { get; set; }

    public Exception? LoadFailure { get; private set; }

    public DateTimeOffset LoadFailedAt { get; private set; }

    public bool MayBeBehind { get; private set; }

    public bool TryGetCommandVersion(string commandId, out long version) => _commands.TryGetVersion(commandId, out version);

    public async Task<long?> FindAppliedCommandAsync(string commandId)
    {
        if (_commands.TryGetVersion(commandId, out var remembered))
        {
            return remembered;
        }

        if (_commands.IsComplete)
        {
            return null;
        }

        try
        {
            var record = await WithinAsync(
                _store.ReadIdempotencyRecordAsync(Stream.TenantId, Stream.StreamId, commandId), DateTimeOffset.UtcNow + _options.StoreTimeout);
            if (record is null)
            {
                return null;
            }

            _commands.Record(commandId, record.LastVersion);
            return record.LastVersion;
        }
        catch (Exception error) when (StoreFailure.IsTransient(error))
        {
            throw new StoreUnavailableException(
                $"The event store did not answer within {_options.StoreTimeout.TotalSeconds:0.#} s while checking whether this command was applied to {StreamName}. Retry it with the same command id.");
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(long fromVersion, int maxCount, UnreadableEvents unreadable = UnreadableEvents.Throw) =>
        _store.ReadStreamAsync(Stream.TenantId, Stream.StreamId, fromVersion, maxCount, unreadable: unreadable);

    /// <summary>
    /// RefreshNow, and JournaledGrain's activation: a stream that cannot be read (or an id that names none) fails
    /// them, so a grain never runs on an empty or shortened state as if it were the stream's.
    /// </summary>
    async Task ILogViewUpdate<TEntry>.Synchronize()
    {
        if (_streamError is not null)
        {
            throw _streamError;
        }

        await Synchronize();
        ThrowUnreportedFailure();
        if (LoadFailure is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// ConfirmEvents: every event raised before the call is stored, or the call fails with why. Events the store did
    /// not take are rolled back (they are no longer in the tentative state): retrying means raising them again.
    /// </summary>
    async Task ILogViewUpdate<TEntry>.ConfirmSubmittedEntries()
    {
        if (_streamError is not null)
        {
            throw _streamError;
        }

        await ConfirmSubmittedEntries();
        ThrowUnreportedFailure();
    }

    public override Task ClearLogAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            $"The EventStore provider keeps an append-only log: {StreamName}'s events cannot be cleared. " +
            "Record what changed as a new event (for example a reset or closed event), or erase personal data by deleting its key.");

    private void ThrowUnreportedFailure()
    {
        if (_unreportedFailure is { } failure)
        {
            _unreportedFailure = null;
            throw failure;
        }
    }

    protected override TView LastConfirmedView() => _confirmed;

    protected override int GetConfirmedVersion() => _version;

    protected override void InitializeConfirmedView(TView initialstate)
    {
        _confirmed = initialstate;
        _version = 0;
    }

    protected override EventSubmission<TEntry> MakeSubmissionEntry(TEntry entry) =>
        new() { Entry = entry, EventId = Guid.NewGuid(), CommandId = RaisingCommandId };

    /// <summary>Orleans' versions count events; <paramref name="toVersion"/> is exclusive, stream versions start at 1.</summary>
    public override async Task<IReadOnlyList<TEntry>> RetrieveLogSegment(int fromVersion, int toVersion)
    {
        var entries = new List<TEntry>(toVersion - fromVersion);
        var next = (long)fromVersion + 1;
        while (next <= toVersion)
        {
            var page = await ReadEventsAsync(next, Math.Min(_options.ReadPageSize, (int)(toVersion - next + 1)));
            if (page.Count == 0)
            {
                break;
            }

            foreach (var recorded in page)
            {
                entries.Add((TEntry)recorded.Data);
            }

            next += page.Count;
        }

        return entries;
    }

    protected override async Task ReadAsync()
    {
        if (_streamError is not null)
        {
            return;
        }

        var deadline = DateTimeOffset.UtcNow + _options.StoreTimeout;
        while (true)
        {
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var firstLoad = !_loadedOnce;
                if (firstLoad && _version == 0)
                {
                    await LoadNewestSnapshotAsync(deadline);
                }

                var loaded = await CatchUpAsync(deadline);
                _loadedOnce = true;
                if (firstLoad)
                {
                    _metrics.EventsReplayed(loaded.Count, "aggregate");
                    if (loaded.Count > _snapshotOptions.ReplayBudgetEvents || clock.Elapsed > _snapshotOptions.ReplayBudgetTime)
                    {
                        TakeSnapshot("replay_budget");
                    }
                }

                LoadFailure = null;
                MayBeBehind = false;
                LastPrimaryIssue.Resolve(Host, Services);
                return;
            }
            catch (Exception error) when (StoreFailure.IsTransient(error) && DateTimeOffset.UtcNow < deadline)
            {
                LastPrimaryIssue.Record(new StoreReadFailed { Exception = error }, Host, Services);
                await DelayBeforeRetryAsync(deadline);
            }
            catch (Exception error)
            {
                RecordLoadFailure(error);
                LastPrimaryIssue.Record(new StoreReadFailed { Exception = error }, Host, Services);
                return;
            }
        }
    }

    protected override async Task<int> WriteAsync()
    {
        var batch = GetCurrentBatchOfUpdates();
        if (_streamError is not null)
        {
            Abandon(batch, _streamError);
            return 0;
        }

        // A stream that cannot be read whole is never written to: the version it would be appended at is not known.
        if (LoadFailure is AggregateLoadException unreadable)
        {
            Abandon(batch, unreadable);
            return 0;
        }

        // The events are applied to a copy first: one whose Apply throws would make the stream unreadable for good,
        // so it is refused before it is stored, and on success the copy becomes the confirmed view.
        if (TryApply(batch) is not { } applied)
        {
            return 0;
        }

        var events = new NewEvent[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            events[i] = new NewEvent(batch[i].Entry!, new EventMetadata(CommandId: batch[i].CommandId), batch[i].EventId);
        }

        // One command's events go with its id as the idempotency key: a retry of a lost append then
        // replays instead of conflicting. A mixed batch relies on the event ids alone.
        var idempotencyKey = batch.All(e => e.CommandId is not null && e.CommandId == batch[0].CommandId) ? batch[0].CommandId : null;
        var deadline = new DateTimeOffset(DateTime.SpecifyKind(batch[0].SubmissionTime, DateTimeKind.Utc)) + _options.StoreTimeout;
        var sent = false;
        while (true)
        {
            try
            {
                var append = _store.AppendAsync(Stream.TenantId, Stream.StreamId, ExpectedVersion.Exactly(_version), events, idempotencyKey);
                sent = true;
                var result = await WithinAsync(append, deadline);
                if (!result.WasReplay && result.FirstVersion == _version + 1)
                {
                    Confirm(batch, applied);
                    LastPrimaryIssue.Resolve(Host, Services);
                    SnapshotWhenDue();
                    return batch.Length;
                }

                // A replay: an earlier try of this very batch landed, or this command id was applied long ago.
                return await ReconcileAsync(batch, deadline, idempotencyKey, result.StreamVersion);
            }
            catch (WrongExpectedVersionException)
            {
                _metrics.Conflict();
                return await ReconcileAsync(batch, deadline);
            }
            catch (IdempotencyKeyReusedException reused)
            {
                // The command id was applied before, with other events (it was decided on an older state): its
                // outcome is the store's durable record, never a second decision.
                return await ReconcileAsync(batch, deadline, idempotencyKey, reused.OriginalLastVersion);
            }
            catch (Exception error) when (StoreFailure.IsTransient(error))
            {
                LastPrimaryIssue.Record(new StoreWriteFailed { Exception = error }, Host, Services);
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    // Sent and unanswered means it may have landed: the view must catch up before the next decision.
                    var mayHaveLanded = sent && error is not EventStoreUnavailableException;
                    MayBeBehind |= mayHaveLanded;
                    Abandon(batch, mayHaveLanded
                        ? new CommandOutcomeUnknownException(
                            $"The event store stopped answering while appending to {StreamName}; the events may or may not be stored. Retry the command with the same command id.")
                        : new StoreUnavailableException(
                            $"The event store did not answer within {_options.StoreTimeout.TotalSeconds:0.#} s; nothing was appended to {StreamName}. Retry later."));
                    return 0;
                }

                await DelayBeforeRetryAsync(deadline);
            }
            catch (Exception refused) when (refused is EventStoreException or AggregateStoreException)
            {
                Abandon(batch, refused as AggregateStoreException ?? new CommandRefusedByStoreException("store_refused", refused.Message));
                return 0;
            }
        }
    }

    /// <summary>The confirmed view with the batch applied, or null (the batch abandoned) when an event's Apply throws.</summary>
    private TView? TryApply(EventSubmission<TEntry>[] batch)
    {
        var view = Services.DeepCopy(_confirmed);
        for (var i = 0; i < batch.Length; i++)
        {
            try
            {
                Host.UpdateView(view, batch[i].Entry!);
            }
            catch (Exception error)
            {
                Abandon(batch, new EventNotAppliedException(
                    $"{batch[i].Entry!.GetType().Name} raised on {StreamName} was not stored: applying it to the state threw " +
                    $"{error.GetType().Name}: {error.Message}"));
                return null;
            }
        }

        return view;
    }

    /// <summary>
    /// After a conflict or a replay: bring the view up to the stream's head, then count how many of the
    /// batch's events are already there by event id — those were written by an earlier try.
    /// </summary>
    private async Task<int> ReconcileAsync(
        EventSubmission<TEntry>[] batch, DateTimeOffset deadline, string? appliedCommandId = null, long appliedAtVersion = 0)
    {
        while (true)
        {
            try
            {
                var caughtUp = await CatchUpAsync(deadline);
                var written = 0;
                while (written < batch.Length && written < caughtUp.Count && caughtUp[written].EventId == batch[written].EventId)
                {
                    written++;
                }

                LastPrimaryIssue.Resolve(Host, Services);
                SnapshotWhenDue();
                if (written == 0 && appliedCommandId is not null)
                {
                    // The store answered for a command applied earlier with other events: this batch is not written,
                    // and the grain answers the command from its remembered outcome.
                    _commands.Record(appliedCommandId, appliedAtVersion);
                    Withdraw(batch);
                }

                return written;
            }
            catch (Exception error) when (StoreFailure.IsTransient(error) && DateTimeOffset.UtcNow < deadline)
            {
                LastPrimaryIssue.Record(new StoreReadFailed { Exception = error }, Host, Services);
                await DelayBeforeRetryAsync(deadline);
            }
            catch (Exception error)
            {
                MayBeBehind = true;
                Abandon(batch, StoreFailure.IsTransient(error)
                    ? new CommandOutcomeUnknownException(
                        $"The event store stopped answering while checking an append to {StreamName}; the events may or may not be stored. Retry the command with the same command id.")
                    : error as AggregateStoreException ?? new AggregateLoadException($"Stream {StreamName} cannot be read: {error.Message}"));
                return 0;
            }
        }
    }

    /// <summary>Starts from the newest snapshot that passes its checks, if any.</summary>
    private async Task LoadNewestSnapshotAsync(DateTimeOffset deadline)
    {
        if (_snapshotPolicy.Every == 0 && _snapshotOptions.ReplayBudgetEvents == int.MaxValue)
        {
            return;
        }

        var newest = await WithinAsync(
            _snapshots.ReadNewestUsableAsync<AggregateSnapshot<TView>>(Stream.TenantId, Stream.StreamId, _snapshotPolicy.Keep, typeof(TView), CancellationToken.None),
            deadline);
        if (newest is { } usable)
        {
            _confirmed = usable.Payload.View;
            _version = checked((int)usable.Version);
            _snapshotVersion = usable.Version;
            _commands.Import(usable.Payload.Commands);
        }
    }

    public void SnapshotOnDeactivation()
    {
        var threshold = _snapshotOptions.OnDeactivationAfterEvents;
        if (_snapshotPolicy.Every > 0 && threshold > 0 && LoadFailure is null && !MayBeBehind && _version - _snapshotVersion >= threshold)
        {
            TakeSnapshot("deactivation");
        }
    }

    private void SnapshotWhenDue()
    {
        if (_snapshotPolicy.Every > 0 && _version - _snapshotVersion >= _snapshotPolicy.Every)
        {
            TakeSnapshot("interval");
        }
    }

    /// <summary>Encodes the confirmed view now, on the grain's turn; the write happens in the background.</summary>
    private void TakeSnapshot(string reason)
    {
        if (_version == 0 || _version == _snapshotVersion)
        {
            return;
        }

        try
        {
            var snapshot = SnapshotCodec.Encode(
                Stream.TenantId, Stream.StreamId, _version, new AggregateSnapshot<TView>(_confirmed, _commands.Export()), typeof(TView));
            _snapshots.WriteInBackground(snapshot, _snapshotPolicy.Keep, reason);
            _snapshotVersion = _version;
        }
        catch (Exception error) when (error is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // A state that cannot be serialized is loaded from events every time; the command is not affected.
            _metrics.SnapshotWriteFailed();
        }
    }

    /// <summary>Applies every stored event after the confirmed version; returns them.</summary>
    private async Task<List<RecordedEvent>> CatchUpAsync(DateTimeOffset deadline)
    {
        var applied = new List<RecordedEvent>();
        while (true)
        {
            var page = await WithinAsync(ReadEventsAsync(_version + 1L, _options.ReadPageSize), deadline);
            foreach (var recorded in page)
            {
                if (recorded.StreamVersion != _version + 1L)
                {
                    throw new AggregateLoadException(
                        $"Stream {Stream} jumps from version {_version} to {recorded.StreamVersion}; the store is inconsistent.");
                }

                if (recorded.Data is not TEntry entry)
                {
                    throw new AggregateLoadException(
                        $"Event '{recorded.EventType}' v{recorded.StoredSchemaVersion} at version {recorded.StreamVersion} of {Stream} is a {recorded.Data.GetType().Name}, not a {typeof(TEntry).Name}.");
                }

                try
                {
                    Host.UpdateView(_confirmed, entry);
                }
                catch (Exception error)
                {
                    throw new AggregateLoadException(
                        $"Event '{recorded.EventType}' v{recorded.StoredSchemaVersion} at version {recorded.StreamVersion} of {Stream} cannot be applied " +
                        $"({error.GetType().Name}: {error.Message}); the stream stops at version {_version} until the grain's Apply accepts it.");
                }

                _version++;
                _commands.Record(recorded.Metadata.CommandId, _version);
            }

            applied.AddRange(page);
            if (page.Count < _options.ReadPageSize)
            {
                return applied;
            }
        }
    }

    private void Confirm(EventSubmission<TEntry>[] batch, TView applied)
    {
        _confirmed = applied;
        foreach (var submission in batch)
        {
            _version++;
            _commands.Record(submission.CommandId, _version);
        }
    }

    /// <summary>
    /// Fails the waiting command with <paramref name="error"/> and takes its events out of the pending queue (the base
    /// class drops entries whose conditional position can no longer match). Events raised without a condition have no
    /// one waiting on them: the next ConfirmEvents or RefreshNow reports the error instead.
    /// </summary>
    private void Abandon(EventSubmission<TEntry>[] batch, AggregateStoreException error)
    {
        AdaptorLog.Abandoned(_logger, StreamName, batch.Length, error.Code);
        _metrics.Abandoned(error.Code);
        var unconditional = false;
        foreach (var submission in batch)
        {
            unconditional |= submission.ConditionalPosition == EventSubmission<TEntry>.Unconditional;
            submission.ResultPromise?.TrySetException(error);
            submission.ResultPromise = null;
            submission.ConditionalPosition = EventSubmission<TEntry>.Abandoned;
        }

        if (unconditional)
        {
            _unreportedFailure ??= error;
        }
    }

    /// <summary>Takes the batch out of the pending queue as not written, with no error: its command was applied before.</summary>
    private static void Withdraw(EventSubmission<TEntry>[] batch)
    {
        foreach (var submission in batch)
        {
            submission.ResultPromise?.TrySetResult(false);
            submission.ResultPromise = null;
            submission.ConditionalPosition = EventSubmission<TEntry>.Abandoned;
        }
    }

    private void RecordLoadFailure(Exception error)
    {
        LoadFailure = error switch
        {
            AggregateStoreException known => known,
            _ when StoreFailure.IsTransient(error) => new StoreUnavailableException(
                $"The event store did not answer within {_options.StoreTimeout.TotalSeconds:0.#} s while loading {StreamName}. Retry later."),
            _ => new AggregateLoadException($"Stream {StreamName} cannot be loaded: {error.Message}"),
        };
        LoadFailedAt = DateTimeOffset.UtcNow;
        AdaptorLog.LoadFailed(_logger, StreamName, LoadFailure.Message);
    }

    private async Task DelayBeforeRetryAsync(DateTimeOffset deadline)
    {
        var suggested = LastPrimaryIssue.Issue?.RetryDelay ?? FirstRetryDelay;
        var delay = suggested < FirstRetryDelay ? FirstRetryDelay : suggested > LongestRetryDelay ? LongestRetryDelay : suggested;
        var left = deadline - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(delay < left ? delay : left);
        }
    }

    /// <summary>Waits for a store call until the deadline; past it the call is treated as unanswered.</summary>
    private static async Task<T> WithinAsync<T>(Task<T> call, DateTimeOffset deadline)
    {
        var left = deadline - DateTimeOffset.UtcNow;
        if (left <= TimeSpan.Zero)
        {
            left = TimeSpan.FromMilliseconds(1);
        }

        return await call.WaitAsync(left);
    }
}
