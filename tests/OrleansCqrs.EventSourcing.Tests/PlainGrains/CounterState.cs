namespace OrleansCqrs.EventSourcing.Tests.PlainGrains;

/// <summary>Mutable state with public fields, evolved by Orleans' default TransitionState (a dynamic Apply).</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Value;

    [Id(1)]
    public List<string> Notes = [];

    public void Apply(CounterAdded added)
    {
        if (added.Amount < 0)
        {
            throw new InvalidOperationException($"a counter never goes down (got {added.Amount})");
        }

        Value += added.Amount;
        if (added.Note is not null)
        {
            Notes.Add(added.Note);
        }
    }

    public void Apply(CounterJammed jammed) => throw new InvalidOperationException($"jammed: {jammed.Reason}");
}
