using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.Banking.ReadModels.AccountSummary;
using OrleansCqrs.Banking.ReadModels.AccountTransactions;
using OrleansCqrs.Banking.ReadModels.CustomerDirectory;
using OrleansCqrs.Banking.ReadModels.DailyTotals;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.Tests;

public sealed class ProjectionRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static ProjectedEvent Event(string stream, long version, object data, DateTimeOffset? at = null) =>
        new("t", stream, version, 1, version, data.GetType().Name, data, at ?? Noon);

    [Fact]
    public void Summary_tracks_balance_status_and_last_activity()
    {
        var row = new[]
        {
            Event("account-a", 1, new AccountOpened("c", "EUR", 5m)),
            Event("account-a", 2, new FundsDeposited(10m)),
            Event("account-a", 3, new TransferDebited("t1", "b", 4m)),
            Event("account-a", 4, new TransferDebitReversed("t1", 4m, "account_closed"), Noon.AddHours(1)),
        }.Aggregate(AccountSummaryRow.Empty("t", "a"), AccountSummaryProjection.Apply);

        Assert.Equal(("c", "EUR", 10m, 5m, "open", Noon.AddHours(1), 4L), (row.CustomerId, row.Currency, row.Balance, row.OverdraftLimit, row.Status, row.LastActivity, row.Version));
    }

    [Fact]
    public void Ledger_rows_carry_signed_amounts_and_running_balance()
    {
        var state = new AccountLedgerState(0, 0m);
        var rows = new List<AccountTransactionRow>();
        foreach (var @event in new[] { Event("account-a", 1, new AccountOpened("c", "EUR", 0m)), Event("account-a", 2, new FundsDeposited(10m)), Event("account-a", 3, new FundsWithdrawn(3m)) })
        {
            (state, var row) = AccountTransactionsProjection.Apply(state, "t", "a", @event);
            rows.Add(row);
        }

        Assert.Equal([("opened", 0m, 0m), ("deposit", 10m, 10m), ("withdrawal", -3m, 7m)], rows.Select(r => (r.Kind, r.Amount, r.BalanceAfter)));
    }

    [Fact]
    public void Directory_collects_a_customers_accounts_once_each()
    {
        var events = new[]
        {
            Event("customer-c", 1, new CustomerRegistered("Ann", "ann@example.com")),
            Event("account-a1", 1, new AccountOpened("c", "EUR", 0m)),
            Event("account-a2", 1, new AccountOpened("c", "USD", 0m)),
            Event("account-a2", 1, new AccountOpened("c", "USD", 0m)),
        };

        var row = events.Aggregate(CustomerDirectoryRow.Empty("t", "c"), CustomerDirectoryProjection.Apply);

        Assert.All(events, e => Assert.Equal("c", CustomerDirectoryProjection.CustomerOf(e)));
        Assert.Equal(("Ann", "ann@example.com"), (row.Name, row.Email));
        Assert.Equal(["a1", "a2"], row.AccountIds.ToArray());
    }

    [Fact]
    public void Totals_count_deposits_withdrawals_and_credited_transfers_per_day()
    {
        var row = new[]
        {
            Event("account-a", 2, new FundsDeposited(10m)),
            Event("account-a", 3, new FundsWithdrawn(4m)),
            Event("account-a", 4, new TransferDebited("t1", "b", 1m)),
            Event("account-b", 2, new TransferCredited("t1", "a", 1m)),
        }.Aggregate(DailyTotalsRow.Empty("t", DateOnly.FromDateTime(Noon.UtcDateTime), "EUR"), DailyTotalsProjection.Apply);

        Assert.Equal((10m, 4m, 1m, 3L), (row.Deposited, row.Withdrawn, row.Transferred, row.Movements));
        // Days are UTC days: 22:30 in New York on the 27th is the 28th.
        Assert.Equal(new DateOnly(2026, 11, 28), DailyTotalsProjection.DayOf(Event("account-a", 1, new FundsDeposited(1m), new DateTimeOffset(2026, 11, 27, 22, 30, 0, TimeSpan.FromHours(-5)))));
    }
}
