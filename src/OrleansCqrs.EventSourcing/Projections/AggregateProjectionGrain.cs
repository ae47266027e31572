using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;
using Microsoft.Extensions.Options;
using OrleansCqrs.EventSourcing.Snapshots;
using OrleansCqrs.EventSourcing.Streams;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>
/// A projection grain of one aggregate, subscribed implicitly to the aggregate's stream (mark the subclass
/// <c>[ImplicitStreamSubscription("account")]</c>). Its state is the read-model row(s) with the last stream version
/// applied, which is its checkpoint: delivery is at least once, so an event at or below it is dropped; an event
/// beyond the next version means some were missed, and they are read from the store first. Rows and
/// checkpoint are written by one statement, so they never disagree.
/// A projection whose state is more than its rows opts into snapshots with <see cref="SnapshotPolicyAttribute"/>:
/// it then starts from its newest valid snapshot and replays the events after it from the store (rows it
/// writes again are left as they are), with the aggregates' checks, compaction and replay budget.
/// Writes of many projection grains share one round trip and one transaction (<see cref="ReadModelWriter"/>).
/// A delivery it cannot apply (the database refuses or is away) registers a reminder that reads the aggregate's
/// events from the store and applies them until that succeeds, and is then accepted: Orleans would otherwise retry,
/// give up after a while and leave an account's last event missing, with the partition's checkpoint held behind it.
/// </summary>
public abstract class AggregateProjectionGrain<TState>
    : Grain, IAggregateProjectionGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<ProjectedEvent>, IAsyncObserver<ProjectedEvent>, IRemindable
    where TState : class
{
    private const string CatchUpReminderPrefix = "catch-up:";
    private const int CatchUpPageSize = 1000;

    private TState? _state;
    private string _tenantId = "";
    private string _aggregateId = "";
    private long _snapshotVersion;
    private bool _replayCounted;
    private (int Every, int Keep)? _snapshotPolicy;
    private bool _catchUpScheduled;
    private ReadModelWriter _writer = null!;

    // This stream's parked events by version ("parked" or "skipped"), loaded with the first delivery. While one is
    // "parked" the stream is held: later deliveries are accepted and left to the catch-up that a retry runs.
    private Dictionary<long, string>? _parked;
    private bool _retrying;

    /// <summary>The aggregate's tenant and id, from this grain's key.</summary>
    protected string TenantId => _tenantId;

    protected string AggregateId => _aggregateId;

    protected NpgsqlDataSource Database => ServiceProvider.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The state of an aggregate nothing has been projected for yet (version 0).</summary>
    protected abstract TState Initial(string tenantId, string aggregateId);

    /// <summary>The last stream version reflected in <paramref name="state"/>.</summary>
    protected abstract long VersionOf(TState state);

    /// <summary>Pure: the state after one more event of the aggregate.</summary>
    protected abstract TState Apply(TState state, ProjectedEvent @event);

    /// <summary>Reads the stored state; null when nothing was stored for the aggregate.</summary>
    protected abstract Task<TState?> LoadAsync(string tenantId, string aggregateId);

    /// <summary>
    /// The statements that store <paramref name="after"/>, never over a newer stored version; <paramref name="applied"/>
    /// led from before to after. They commit together, in a batch shared with other projection grains of the silo
    /// (<see cref="ReadModelWriter"/>).
    /// </summary>
    protected abstract IReadOnlyList<NpgsqlBatchCommand> SaveStatements(TState before, TState after, IReadOnlyList<ProjectedEvent> applied);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _aggregateId) = AggregateStreamIds.ParseKey(this.GetPrimaryKeyString());
        _writer = ServiceProvider.GetRequiredService<ReadModelWriter>();
        // Read once per activation, not per delivery: only projections marked [SnapshotPolicy] snapshot.
        _snapshotPolicy = GetType().GetCustomAttributes(typeof(SnapshotPolicyAttribute), inherit: true).Length > 0
            ? SnapshotOptions.PolicyFor(GetType())
            : null;
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Receives events in batches: when a stream is busy, one write covers many events.</summary>
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<ProjectedEvent>().ResumeAsync((IAsyncBatchObserver<ProjectedEvent>)this);

    public Task OnNextAsync(IList<SequentialItem<ProjectedEvent>> items) => ReceiveAsync(items.Select(i => i.Item).ToList());

    public Task OnNextAsync(ProjectedEvent item, StreamSequenceToken? token = null) => ReceiveAsync([item]);

    /// <summary>
    /// A delivery that cannot be applied is accepted anyway once a catch-up reminder (stored with the cluster's
    /// reminders) owns it: the stream provider can then move its checkpoint on instead of holding it, redelivering
    /// for a while and giving up. Without that reminder the failure goes back to the provider, which retries.
    /// </summary>
    private async Task ReceiveAsync(IReadOnlyList<ProjectedEvent> delivered)
    {
        try
        {
            await ApplyAsync(delivered);
        }
        catch (Exception error)
        {
            Metrics?.ProjectionWriteFailed(ProjectionName);
            if (!await ScheduleCatchUpAsync(delivered[0].StreamId, error))
            {
                throw;
            }
        }
    }

    /// <summary>Applies what it can; returns how many events it applied or parked (0 when the stream is held).</summary>
    private async Task<int> ApplyAsync(IReadOnlyList<ProjectedEvent> delivered)
    {
        try
        {
            var state = _state ??= await LoadStateAsync();
            _parked ??= await LoadParkedAsync(delivered[0].StreamId);
            if (!_retrying && _parked.ContainsValue(ParkedEvents.Parked))
            {
                return 0; // held behind a parked event: order within the stream is kept, the retry reads these again
            }

            var next = state;
            var applied = new List<ProjectedEvent>(delivered.Count);
            var released = new List<long>();
            var replayed = 0;
            (ProjectedEvent Event, string Error)? poison = null;
            foreach (var item in delivered.OrderBy(e => e.StreamVersion))
            {
                var version = VersionOf(next);
                if (item.StreamVersion <= version)
                {
                    continue; // a redelivery
                }

                var pending = item.StreamVersion > version + 1 ? (await ReadMissedAsync(item, version)).Append(item) : [item];
                foreach (var candidate in pending)
                {
                    var isMissed = !ReferenceEquals(candidate, item);
                    var @event = _parked.GetValueOrDefault(candidate.StreamVersion) == ParkedEvents.Skipped
                        ? candidate with { Data = new SkippedPayload((candidate.Data as UnreadablePayload)?.SchemaVersion ?? 0) }
                        : candidate;
                    if (@event.Data is UnreadablePayload unreadable)
                    {
                        poison = (@event, unreadable.Reason);
                        break;
                    }

                    try
                    {
                        next = Apply(next, @event);
                    }
                    catch (Exception error)
                    {
                        poison = (@event, ParkedEvents.ApplyFailure(error));
                        break;
                    }

                    applied.Add(@event);
                    replayed += isMissed ? 1 : 0;
                    if (_parked.GetValueOrDefault(@event.StreamVersion) == ParkedEvents.Parked)
                    {
                        released.Add(@event.StreamVersion);
                    }
                }

                if (poison is not null)
                {
                    break;
                }
            }

            if (applied.Count == 0 && poison is null)
            {
                return 0;
            }

            var statements = applied.Count > 0 ? SaveStatements(state, next, applied).ToList() : [];
            statements.AddRange(released.Select(v => ParkedEvents.Release(ProjectionName, _tenantId, applied[0].StreamId, v)));
            if (poison is { } parked)
            {
                statements.Add(ParkedEvents.Park(ProjectionName, parked.Event, parked.Error));
            }

            await _writer.WriteAsync(statements);
            _state = next;
            released.ForEach(v => _parked.Remove(v));
            if (poison is { } held)
            {
                _parked[held.Event.StreamVersion] = ParkedEvents.Parked;
                Metrics?.EventParked(ProjectionName);
                ProjectionLog.EventParked(Logger, ProjectionName, _tenantId, held.Event.StreamId, held.Event.StreamVersion, held.Event.EventType, held.Error);
            }

            if (applied.Count > 0)
            {
                AfterSave(next, replayed);
            }

            return applied.Count + (poison is null ? 0 : 1);
        }
        catch
        {
            _state = null; // whatever was stored is the truth; read it again on the next delivery
            _parked = null;
            throw;
        }
    }

    private async Task<Dictionary<long, string>> LoadParkedAsync(string storeStreamId)
    {
        var rows = await ParkedEvents.ListAsync(Database, ProjectionName, _tenantId, storeStreamId);
        return rows.ToDictionary(r => r.StreamVersion, r => r.Status);
    }

    /// <summary>
    /// Tries the stream's parked events again (after a fix, for example a newly registered event type, or after an
    /// operator marked one skipped) and everything held behind them, read from the store.
    /// </summary>
    public async Task RetryParked(string storeStreamId)
    {
        _parked = null;
        _retrying = true;
        try
        {
            await CatchUpFromStoreAsync(storeStreamId);
        }
        finally
        {
            _retrying = false;
        }
    }

    private async Task CatchUpFromStoreAsync(string storeStreamId)
    {
        var store = ServiceProvider.GetRequiredService<IEventStore>();
        while (true)
        {
            var state = _state ??= await LoadStateAsync();
            var missing = await store.ReadStreamAsync(
                _tenantId, storeStreamId, VersionOf(state) + 1, CatchUpPageSize, unreadable: UnreadableEvents.Return);
            if (missing.Count == 0 || await ApplyAsync(missing.Select(ProjectedEvent.From).ToList()) == 0
                || (_parked?.ContainsValue(ParkedEvents.Parked) ?? false))
            {
                return;
            }
        }
    }

    private string ProjectionName => this.GetGrainId().Type.ToString()!;

    private ILogger Logger => ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());

    private Diagnostics.EventSourcingMetrics? Metrics => ServiceProvider.GetService<Diagnostics.EventSourcingMetrics>();

    /// <summary>True when a catch-up reminder for the stream is registered (now or earlier in this activation).</summary>
    private async Task<bool> ScheduleCatchUpAsync(string storeStreamId, Exception error)
    {
        if (_catchUpScheduled)
        {
            return true;
        }

        var interval = ServiceProvider.GetRequiredService<IOptions<ProjectionOptions>>().Value.CatchUpInterval;
        try
        {
            await this.RegisterOrUpdateReminder(CatchUpReminderPrefix + storeStreamId, interval, interval);
            _catchUpScheduled = true;
            ProjectionLog.CatchUpScheduled(Logger, ProjectionName, _tenantId, storeStreamId, interval, error);
            return true;
        }
        catch (Exception reminderError)
        {
            // Redelivery by the stream provider, and its re-read from the held checkpoint after a restart, remain.
            ProjectionLog.CatchUpNotScheduled(Logger, ProjectionName, _tenantId, storeStreamId, error, reminderError);
            return false;
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!reminderName.StartsWith(CatchUpReminderPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var storeStreamId = reminderName[CatchUpReminderPrefix.Length..];
        _catchUpScheduled = true; // a failure during the catch-up leaves the reminder as it is
        await CatchUpFromStoreAsync(storeStreamId);

        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _catchUpScheduled = false;
        ProjectionLog.CaughtUp(Logger, ProjectionName, _tenantId, storeStreamId, VersionOf(_state!));
    }

    public Task Deliver(ProjectedEvent @event) => OnNextAsync(@event);

    private SnapshotOptions SnapshotOptions => ServiceProvider.GetRequiredService<IOptions<SnapshotOptions>>().Value;

    private string SnapshotStream => $"{this.GetGrainId().Type}-{_aggregateId}";

    private async Task<TState> LoadStateAsync()
    {
        if (_snapshotPolicy is { } policy)
        {
            var writer = ServiceProvider.GetRequiredService<SnapshotWriter>();
            var newest = await writer.ReadNewestUsableAsync<TState>(
                _tenantId, SnapshotStream, policy.Keep, typeof(TState), CancellationToken.None);
            if (newest is { } usable)
            {
                _snapshotVersion = usable.Version;
                return usable.Payload;
            }
        }

        return await LoadAsync(_tenantId, _aggregateId) ?? Initial(_tenantId, _aggregateId);
    }

    private void AfterSave(TState state, int replayed)
    {
        if (_snapshotPolicy is not { } policy)
        {
            return;
        }

        var options = SnapshotOptions;
        var (every, keep) = policy;
        var overBudget = false;
        if (!_replayCounted)
        {
            // The first delivery after activation replays whatever came after the snapshot it started from.
            _replayCounted = true;
            Metrics?.EventsReplayed(replayed, "projection");
            overBudget = replayed > options.ReplayBudgetEvents;
        }

        if (overBudget || (every > 0 && VersionOf(state) - _snapshotVersion >= every))
        {
            var snapshot = SnapshotCodec.Encode(_tenantId, SnapshotStream, VersionOf(state), state, typeof(TState));
            ServiceProvider.GetRequiredService<SnapshotWriter>().WriteInBackground(snapshot, keep, overBudget ? "replay_budget" : "interval");
            _snapshotVersion = VersionOf(state);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>
    /// Orleans gave up delivering an event here (neither its rows nor a catch-up reminder could be stored in
    /// <see cref="Streams.EventStoreStreamOptions.MaxDeliveryTime"/>): the next delivery to this grain fills the gap
    /// from the store, and the partition reads the event again when it restarts.
    /// </summary>
    public Task OnErrorAsync(Exception ex)
    {
        Metrics?.ProjectionDeliveryAbandoned(ProjectionName);
        ProjectionLog.DeliveryAbandoned(Logger, ProjectionName, _tenantId, _aggregateId, ex);
        return Task.CompletedTask;
    }

    private async Task<IEnumerable<ProjectedEvent>> ReadMissedAsync(ProjectedEvent next, long version)
    {
        var store = ServiceProvider.GetRequiredService<IEventStore>();
        var missed = await store.ReadStreamAsync(
            next.TenantId, next.StreamId, version + 1, (int)(next.StreamVersion - version - 1), unreadable: UnreadableEvents.Return);
        return missed.Select(ProjectedEvent.From);
    }
}

internal static partial class ProjectionLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} could not apply events of {Tenant}/{Stream}; it will catch up from the store every {Interval} until it succeeds")]
    public static partial void CatchUpScheduled(ILogger logger, string projection, string tenant, string stream, TimeSpan interval, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} could not apply events of {Tenant}/{Stream}, nor register its catch-up reminder ({ReminderError}); it depends on redelivery")]
    public static partial void CatchUpNotScheduled(ILogger logger, string projection, string tenant, string stream, Exception error, Exception reminderError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} of {Tenant}/{Stream} caught up from the store to version {Version}")]
    public static partial void CaughtUp(ILogger logger, string projection, string tenant, string stream, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection {Projection} parked event {EventType} at version {Version} of {Tenant}/{Stream} and holds that stream behind it: {Reason}. List with 'cqrs projections parked', then 'retry' after a fix or 'skip'")]
    public static partial void EventParked(ILogger logger, string projection, string tenant, string stream, long version, string eventType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans gave up delivering events of {Tenant}/{Aggregate} to projection {Projection}")]
    public static partial void DeliveryAbandoned(ILogger logger, string projection, string tenant, string aggregate, Exception error);
}
