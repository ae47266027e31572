using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.EventSourcing;
using Orleans.Providers;
using OrleansCqrs.EventSourcing.Diagnostics;
using OrleansCqrs.EventSourcing.LogConsistency;

namespace OrleansCqrs.EventSourcing.Aggregates;

/// <summary>
/// An aggregate grain whose logic is pure: <see cref="Evolve"/> folds events into an immutable state,
/// and each command runs as validate → decide → conditional raise → confirm → result. On a version
/// conflict the grain has already caught up with the stream, so it decides again (a few times at most).
/// The command id is the idempotency key: a retried command is answered with its first outcome.
/// </summary>
[LogConsistencyProvider(ProviderName = Hosting.EventStoreSiloBuilderExtensions.DefaultProviderName)]
public abstract class EventSourcedGrain<TState, TEvent> : JournaledGrain<AggregateView<TState>, TEvent>, IEventStoreLogViewHost
    where TState : class
    where TEvent : class
{
    private const int MaxDecideAttempts = 10;
    private const int MaxCommandIdLength = 128;
    private const int RememberedRefusals = 256;

    private static readonly SearchValues<char> CommandIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@");

    private static readonly TimeSpan LoadRetryInterval = TimeSpan.FromSeconds(1);

    // A refused command wrote nothing; remembering its refusal answers an immediate retry the same way.
    private readonly Dictionary<string, CommandResult> _refusals = new(StringComparer.Ordinal);
    private readonly Queue<string> _refusalOrder = new();

    private IEventStoreLogView? _log;
    private EventSourcingMetrics? _metrics;

    /// <summary>The state before the first event.</summary>
    protected abstract TState InitialState { get; }

    /// <summary>The confirmed state.</summary>
    protected TState Current => State.Current ?? InitialState;

    /// <summary>The stream this aggregate's events live in.</summary>
    protected AggregateStream Stream => Log.Stream;

    private IEventStoreLogView Log => _log ?? throw new InvalidOperationException(
        $"{GetType().Name} must use the EventStore log-consistency provider (AddEventStoreLogConsistencyProvider).");

    void IEventStoreLogViewHost.Attach(IEventStoreLogView logView) => _log = logView;

    /// <summary>Pure: the state after <paramref name="event"/>.</summary>
    protected abstract TState Evolve(TState state, TEvent @event);

    protected sealed override void TransitionState(AggregateView<TState> view, TEvent @event) =>
        view.Current = Evolve(view.Current ?? InitialState, @event);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _metrics = ServiceProvider.GetService<EventSourcingMetrics>();
        // Loads the stream. A store that is away or a stream that cannot be read does not fail the activation: every
        // command and query checks the load first (EnsureCurrentAsync) and reports it. An id that names no stream does.
        try
        {
            await base.OnActivateAsync(cancellationToken);
        }
        catch (AggregateStoreException failure) when (failure is not InvalidAggregateIdException)
        {
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _log?.SnapshotOnDeactivation();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>
    /// Runs one command: answered from memory when its id was applied already; otherwise decided on the
    /// current state and appended on the condition that the stream has not moved.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The store did not answer within the configured time; nothing was written.</exception>
    /// <exception cref="CommandOutcomeUnknownException">The store stopped answering after the events were sent.</exception>
    protected async Task<CommandResult> Execute(ICommand command, Func<TState, Decision<TEvent>> decide)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await ExecuteCore(command, decide);
        _metrics?.CommandHandled(
            result.WasDuplicate ? "duplicate" : result.Accepted ? "applied" : "rejected",
            Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<CommandResult> ExecuteCore(ICommand command, Func<TState, Decision<TEvent>> decide)
    {
        if (InvalidCommandId(command.CommandId) is { } invalid)
        {
            return CommandResult.Rejected(invalid, Version);
        }

        for (var attempt = 1; attempt <= MaxDecideAttempts; attempt++)
        {
            await EnsureCurrentAsync();
            if (Log.TryGetCommandVersion(command.CommandId, out var firstOutcome))
            {
                return CommandResult.Duplicate(firstOutcome);
            }

            if (_refusals.TryGetValue(command.CommandId, out var refusal))
            {
                return refusal;
            }

            var decision = decide(Current);
            if (decision.Error is not null || decision.Events.Count == 0)
            {
                // Decided on today's state, an old command could be refused (or be a no-op) although it was applied
                // long ago: its first outcome in the store's durable record wins.
                if (await Log.FindAppliedCommandAsync(command.CommandId) is { } applied)
                {
                    return CommandResult.Duplicate(applied);
                }

                return decision.Error is { } error
                    ? RememberRefusal(command.CommandId, CommandResult.Rejected(error, Version))
                    : CommandResult.Applied(Version);
            }

            Task<bool> raised;
            Log.RaisingCommandId = command.CommandId;
            try
            {
                raised = RaiseConditionalEvents(decision.Events);
            }
            finally
            {
                Log.RaisingCommandId = null;
            }

            if (await raised)
            {
                return CommandResult.Applied(Version);
            }

            // Another writer moved the stream; the adaptor has caught up with it. Decide again, after a
            // short random pause so two writers that keep colliding drift apart.
            await Task.Delay(Random.Shared.Next(0, 5 * attempt));
        }

        return CommandResult.Rejected(
            new DomainError("concurrency_conflict", $"{Stream} kept changing under this command; {MaxDecideAttempts} attempts failed. Retry it."),
            Version);
    }

    /// <summary>Brings the confirmed state up to date when a load failed or an append's outcome is unknown.</summary>
    protected async Task EnsureCurrentAsync()
    {
        if (Log.LoadFailure is null && !Log.MayBeBehind)
        {
            return;
        }

        if (Log.LoadFailure is AggregateLoadException unreadable)
        {
            throw unreadable;
        }

        // Retrying a store that failed a moment ago would make every caller wait the full timeout again.
        if (Log.MayBeBehind || DateTimeOffset.UtcNow - Log.LoadFailedAt >= LoadRetryInterval)
        {
            await RefreshNow();
        }

        if (Log.LoadFailure is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// Stored events of this aggregate, as JSON for display. An event this silo cannot read is shown as stored (its
    /// type, schema version and raw payload) rather than failing the history: that is how an operator finds it.
    /// </summary>
    /// <remarks>Store failures leave the grain as contract errors through the silo's store-error filter.</remarks>
    protected async Task<IReadOnlyList<EventEnvelope>> ReadHistory(long fromVersion, int maxCount)
    {
        var events = await Log.ReadEventsAsync(Math.Max(1, fromVersion), Math.Clamp(maxCount, 0, 10_000), EventStore.UnreadableEvents.Return);

        return events
            .Select(e => new EventEnvelope(
                e.StreamVersion,
                e.Position.TransactionId,
                e.Position.Position,
                e.EventType,
                e.StoredSchemaVersion,
                e.Data is EventStore.UnreadableEvent unreadable
                    ? unreadable.RawData
                    : JsonSerializer.Serialize(e.Data, e.Data.GetType(), EventStore.StoredJson.Options),
                e.Metadata.CommandId,
                e.RecordedAt))
            .ToList();
    }

    private CommandResult RememberRefusal(string commandId, CommandResult refusal)
    {
        if (_refusals.TryAdd(commandId, refusal))
        {
            _refusalOrder.Enqueue(commandId);
            if (_refusalOrder.Count > RememberedRefusals)
            {
                _refusals.Remove(_refusalOrder.Dequeue());
            }
        }

        return refusal;
    }

    private static DomainError? InvalidCommandId(string? commandId) =>
        string.IsNullOrEmpty(commandId) || commandId.Length > MaxCommandIdLength || commandId.AsSpan().ContainsAnyExcept(CommandIdCharacters)
            ? new DomainError("invalid_command_id", $"A command id must be 1 to {MaxCommandIdLength} letters, digits or - _ . : @.")
            : null;
}
