using OrleansCqrs.EventStore;

namespace OrleansCqrs.Benchmarks;

/// <summary>A ledger-sized event: a few fields, about 120 bytes of JSON.</summary>
public sealed record FundsDeposited(string AccountId, decimal Amount, string Currency, string Reference);

internal static class BenchmarkEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry().Register<FundsDeposited>("funds-deposited");

    public static NewEvent[] Batch(int size, int writer, long sequence)
    {
        var events = new NewEvent[size];
        for (var i = 0; i < size; i++)
        {
            events[i] = new NewEvent(
                new FundsDeposited($"account-{writer}", 10.50m + i, "EUR", $"ref-{sequence}-{i}"),
                new EventMetadata(CorrelationId: $"corr-{sequence}", CommandId: $"cmd-{writer}-{sequence}"));
        }

        return events;
    }
}
