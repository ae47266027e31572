using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.DailyTotals;

/// <summary>
/// Pure: totals per currency per day. Money events carry no currency, so the projection remembers each
/// account's currency from its opening — which the global log delivers before any movement of that account.
/// </summary>
public static class DailyTotalsProjection
{
    /// <summary>The account whose currency an event reveals, or null.</summary>
    public static (string AccountId, string Currency)? OpenedAccount(ProjectedEvent @event) =>
        @event.Data is AccountOpened opened && @event.StreamId.StartsWith("account-", StringComparison.Ordinal)
            ? (@event.StreamId[8..], opened.Currency)
            : null;

    /// <summary>The account a money movement happened on, or null for events that move nothing counted.</summary>
    public static string? MovementAccount(ProjectedEvent @event) =>
        @event.Data is FundsDeposited or FundsWithdrawn or TransferCredited && @event.StreamId.StartsWith("account-", StringComparison.Ordinal)
            ? @event.StreamId[8..]
            : null;

    public static DateOnly DayOf(ProjectedEvent @event) => DateOnly.FromDateTime(@event.RecordedAt.UtcDateTime);

    /// <summary>Transfers count once, when credited; a refused transfer's debit and reversal cancel out.</summary>
    public static DailyTotalsRow Apply(DailyTotalsRow row, ProjectedEvent @event) => @event.Data switch
    {
        FundsDeposited deposited => row with { Deposited = row.Deposited + deposited.Amount, Movements = row.Movements + 1 },
        FundsWithdrawn withdrawn => row with { Withdrawn = row.Withdrawn + withdrawn.Amount, Movements = row.Movements + 1 },
        TransferCredited credited => row with { Transferred = row.Transferred + credited.Amount, Movements = row.Movements + 1 },
        _ => row,
    };
}
