namespace OrleansCqrs.Banking.Queries;

/// <summary>Reads the banking read models (eventually consistent with the aggregates). Any key; a stateless worker.</summary>
public interface IBankingQueriesGrain : IGrainWithIntegerKey
{
    Task<AccountView?> GetAccount(string tenantId, string accountId, int recentTransactions);

    /// <summary>Customers ordered by id, after <paramref name="afterCustomerId"/> (paging), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CustomerView>> ListCustomers(string tenantId, string? afterCustomerId, int limit);

    /// <summary>Totals of the last <paramref name="days"/> days (UTC), newest first.</summary>
    Task<IReadOnlyList<DailyTotalsView>> GetDailyTotals(string tenantId, int days);

    /// <summary>Transfers not finished yet, oldest activity first, read from the log itself (not a read model).</summary>
    Task<IReadOnlyList<UnfinishedTransferView>> ListUnfinishedTransfers(string tenantId, int limit);
}
