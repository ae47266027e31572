using Orleans.EventSourcing;
using OrleansCqrs.EventSourcing.Snapshots;

namespace OrleansCqrs.EventSourcing.Tests.PlainGrains;

/// <summary>
/// A JournaledGrain as an Orleans user writes one, with no attribute naming a provider: it runs on ours because the
/// silo registers it as the default. Snapshots every 5 events, so its field-only state goes through snapshots too.
/// </summary>
public abstract class CounterGrainBase : JournaledGrain<CounterState, CounterEvent>, ICounterOperations
{
    public async Task Add(int amount, string? note = null)
    {
        RaiseEvent(new CounterAdded { Amount = amount, Note = note });
        await ConfirmEvents();
    }

    public Task Raise(int amount)
    {
        RaiseEvent(new CounterAdded { Amount = amount });
        return Task.CompletedTask;
    }

    public Task Confirm() => ConfirmEvents();

    public Task<bool> TryAdd(int amount) => RaiseConditionalEvent(new CounterAdded { Amount = amount });

    public Task<(int Value, int Version, int Notes)> Read() => Task.FromResult((State.Value, Version, State.Notes.Count));

    public Task<int> TentativeValue() => Task.FromResult(TentativeState.Value);

    public Task Refresh() => RefreshNow();

    public async Task<IReadOnlyList<int>> Amounts(int fromVersion, int toVersion) =>
        (await RetrieveConfirmedEvents(fromVersion, toVersion)).Select(e => ((CounterAdded)e).Amount).ToList();

    public Task Clear() => ClearLogAsync();
}

[GrainType("counter")]
[SnapshotPolicy(Every = 5, Keep = 2)]
public sealed class CounterGrain : CounterGrainBase, ICounterGrain
{
}

[GrainType("compound-counter")]
public sealed class CompoundCounterGrain : CounterGrainBase, ICompoundCounterGrain
{
}

[GrainType("guid-counter")]
public sealed class GuidCounterGrain : CounterGrainBase, IGuidCounterGrain
{
}
