using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.AccountTransactions;

/// <summary>Pure: the row an account event adds, and the ledger state after it.</summary>
public static class AccountTransactionsProjection
{
    public static (AccountLedgerState State, AccountTransactionRow Row) Apply(AccountLedgerState state, string tenantId, string accountId, ProjectedEvent @event)
    {
        var (kind, amount, transferId, counterparty) = @event.Data switch
        {
            AccountOpened opened => ("opened", 0m, null, opened.CustomerId),
            FundsDeposited deposited => ("deposit", deposited.Amount, null, null),
            FundsWithdrawn withdrawn => ("withdrawal", -withdrawn.Amount, null, null),
            TransferDebited debited => ("transfer_out", -debited.Amount, debited.TransferId, debited.ToAccountId),
            TransferCredited credited => ("transfer_in", credited.Amount, credited.TransferId, credited.FromAccountId),
            TransferDebitReversed reversed => ("transfer_reversal", reversed.Amount, reversed.TransferId, (string?)null),
            AccountClosed => ("closed", 0m, (string?)null, (string?)null),
            _ => ("other", 0m, (string?)null, (string?)null),
        };
        var next = new AccountLedgerState(@event.StreamVersion, state.Balance + amount);
        return (next, new AccountTransactionRow(tenantId, accountId, @event.StreamVersion, kind, amount, next.Balance, transferId, counterparty, @event.RecordedAt));
    }
}
