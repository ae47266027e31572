using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.AccountSummary;

/// <summary>Pure: the account summary row after one more event of the account.</summary>
public static class AccountSummaryProjection
{
    public static AccountSummaryRow Apply(AccountSummaryRow row, ProjectedEvent @event)
    {
        var moved = row with { Version = @event.StreamVersion, LastActivity = @event.RecordedAt };
        return @event.Data switch
        {
            AccountOpened opened => moved with { CustomerId = opened.CustomerId, Currency = opened.Currency, OverdraftLimit = opened.OverdraftLimit, Status = "open" },
            FundsDeposited deposited => moved with { Balance = row.Balance + deposited.Amount },
            FundsWithdrawn withdrawn => moved with { Balance = row.Balance - withdrawn.Amount },
            TransferDebited debited => moved with { Balance = row.Balance - debited.Amount },
            TransferCredited credited => moved with { Balance = row.Balance + credited.Amount },
            TransferDebitReversed reversed => moved with { Balance = row.Balance + reversed.Amount },
            AccountClosed => moved with { Status = "closed" },
            _ => moved,
        };
    }
}
