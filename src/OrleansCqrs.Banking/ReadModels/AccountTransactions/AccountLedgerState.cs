namespace OrleansCqrs.Banking.ReadModels.AccountTransactions;

/// <summary>What the transactions projection of one account needs to go on: the last version written and the balance after it.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountLedgerState([property: Id(0)] long Version, [property: Id(1)] decimal Balance);
