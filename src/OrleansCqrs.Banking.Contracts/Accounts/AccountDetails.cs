namespace OrleansCqrs.Banking.Accounts;

[GenerateSerializer, Immutable]
public sealed record AccountDetails(
    [property: Id(0)] string AccountId,
    [property: Id(1)] AccountStatus Status,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] string Currency,
    [property: Id(4)] decimal Balance,
    [property: Id(5)] decimal OverdraftLimit,
    [property: Id(6)] long Version);
