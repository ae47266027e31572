namespace OrleansCqrs.Banking.ReadModels.AccountSummary;

/// <summary>A row of readmodels.account_summary; <see cref="Version"/> is the last account event it reflects (its checkpoint).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountSummaryRow(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string Currency,
    [property: Id(4)] decimal Balance,
    [property: Id(5)] decimal OverdraftLimit,
    [property: Id(6)] string Status,
    [property: Id(7)] DateTimeOffset LastActivity,
    [property: Id(8)] long Version)
{
    public static AccountSummaryRow Empty(string tenantId, string accountId) =>
        new(tenantId, accountId, "", "", 0m, 0m, "not_opened", DateTimeOffset.MinValue, 0);
}
