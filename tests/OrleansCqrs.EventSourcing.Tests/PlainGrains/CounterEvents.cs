namespace OrleansCqrs.EventSourcing.Tests.PlainGrains;

// Events the way Orleans' own samples write them: mutable classes with public fields.
[GenerateSerializer]
public abstract class CounterEvent
{
}

[GenerateSerializer]
public sealed class CounterAdded : CounterEvent
{
    [Id(0)]
    public int Amount;

    [Id(1)]
    public string? Note;
}

/// <summary>An event whose Apply throws: a bug in the grain, or a newer writer's event this grain cannot take.</summary>
[GenerateSerializer]
public sealed class CounterJammed : CounterEvent
{
    [Id(0)]
    public string Reason = "";
}

public static class CounterEventTypes
{
    public static EventStore.EventTypeRegistry Register(EventStore.EventTypeRegistry registry) => registry
        .Register<CounterAdded>("counter-added")
        .Register<CounterJammed>("counter-jammed");
}
