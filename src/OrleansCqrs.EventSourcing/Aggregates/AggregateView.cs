namespace OrleansCqrs.EventSourcing.Aggregates;

/// <summary>
/// The mutable holder <see cref="Orleans.EventSourcing.JournaledGrain{TGrainState,TEventBase}"/> needs
/// around an immutable state record: each event replaces <see cref="Current"/> with the evolved state.
/// </summary>
[GenerateSerializer]
public sealed class AggregateView<TState>
    where TState : class
{
    /// <summary>Null until the first event; the grain supplies its initial state then.</summary>
    [Id(0)]
    public TState? Current { get; set; }
}
