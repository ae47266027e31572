namespace OrleansCqrs.Banking.Accounts;

/// <summary>Events of an account. Amounts are in the account's currency, fixed when it opened.</summary>
public interface IAccountEvent;

/// <summary>Version 2; version 1 named the customer <c>owner</c> and had no overdraft (see <see cref="BankingEventTypes"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record AccountOpened(string CustomerId, string Currency, decimal OverdraftLimit) : IAccountEvent;

[GenerateSerializer, Immutable]
public sealed record FundsDeposited(decimal Amount) : IAccountEvent;

[GenerateSerializer, Immutable]
public sealed record FundsWithdrawn(decimal Amount) : IAccountEvent;

[GenerateSerializer, Immutable]
public sealed record TransferDebited(string TransferId, string ToAccountId, decimal Amount) : IAccountEvent;

[GenerateSerializer, Immutable]
public sealed record TransferCredited(string TransferId, string FromAccountId, decimal Amount) : IAccountEvent;

[GenerateSerializer, Immutable]
public sealed record TransferDebitReversed(string TransferId, decimal Amount, string Reason) : IAccountEvent;

[GenerateSerializer, Immutable]
public sealed record AccountClosed : IAccountEvent;
