namespace OrleansCqrs.Banking.ReadModels.DailyTotals;

/// <summary>A row of readmodels.daily_totals: money moved in one currency on one UTC day.</summary>
public sealed record DailyTotalsRow(
    string TenantId,
    DateOnly Day,
    string Currency,
    decimal Deposited,
    decimal Withdrawn,
    decimal Transferred,
    long Movements)
{
    public static DailyTotalsRow Empty(string tenantId, DateOnly day, string currency) => new(tenantId, day, currency, 0m, 0m, 0m, 0);
}
