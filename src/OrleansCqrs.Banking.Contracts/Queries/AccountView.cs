namespace OrleansCqrs.Banking.Queries;

/// <summary>An account as the account-summary read model shows it; null fields when the read model has no row yet.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountView(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Currency,
    [property: Id(3)] decimal Balance,
    [property: Id(4)] decimal OverdraftLimit,
    [property: Id(5)] string Status,
    [property: Id(6)] DateTimeOffset LastActivity,
    [property: Id(7)] long Version,
    [property: Id(8)] IReadOnlyList<AccountTransactionView> RecentTransactions);

[GenerateSerializer, Immutable]
public sealed record AccountTransactionView(
    [property: Id(0)] long Version,
    [property: Id(1)] string Kind,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] decimal BalanceAfter,
    [property: Id(4)] string? TransferId,
    [property: Id(5)] string? Counterparty,
    [property: Id(6)] DateTimeOffset RecordedAt);
