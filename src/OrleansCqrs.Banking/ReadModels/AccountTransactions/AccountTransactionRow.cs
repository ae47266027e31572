namespace OrleansCqrs.Banking.ReadModels.AccountTransactions;

/// <summary>A row of readmodels.account_transactions: one account event, its signed amount and the balance after it.</summary>
public sealed record AccountTransactionRow(
    string TenantId,
    string AccountId,
    long Version,
    string Kind,
    decimal Amount,
    decimal BalanceAfter,
    string? TransferId,
    string? Counterparty,
    DateTimeOffset RecordedAt);
