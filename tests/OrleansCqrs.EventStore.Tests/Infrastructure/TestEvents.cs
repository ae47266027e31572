namespace OrleansCqrs.EventStore.Tests.Infrastructure;

public sealed record FundsDeposited(string AccountId, decimal Amount);

public sealed record FundsWithdrawn(string AccountId, decimal Amount);

/// <summary>Its insert is held open for SleepMs by a test trigger, to commit after later appends.</summary>
public sealed record SlowEventRecorded(int SleepMs);

public sealed record NotRegistered(int Value);

public static class TestEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<FundsDeposited>("funds-deposited")
        .Register<FundsWithdrawn>("funds-withdrawn")
        .Register<SlowEventRecorded>("slow-event-recorded");

    public static NewEvent Deposit(decimal amount = 10m, string account = "acc-1", EventMetadata? metadata = null) =>
        new(new FundsDeposited(account, amount), metadata);

    public static NewEvent[] Deposits(int count) =>
        Enumerable.Range(1, count).Select(i => Deposit(i)).ToArray();
}
