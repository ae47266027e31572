using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Accounts;

/// <param name="OverdraftLimit">How far below zero the balance may go; 0 for none.</param>
[GenerateSerializer, Immutable]
public sealed record OpenAccount(
    [property: Id(0)] string CommandId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Currency,
    [property: Id(3)] decimal OverdraftLimit = 0m) : ICommand;

[GenerateSerializer, Immutable]
public sealed record DepositFunds([property: Id(0)] string CommandId, [property: Id(1)] decimal Amount) : ICommand;

[GenerateSerializer, Immutable]
public sealed record WithdrawFunds([property: Id(0)] string CommandId, [property: Id(1)] decimal Amount) : ICommand;

[GenerateSerializer, Immutable]
public sealed record CloseAccount([property: Id(0)] string CommandId) : ICommand;

/// <summary>The first step of a transfer: take the amount from the source account.</summary>
[GenerateSerializer, Immutable]
public sealed record DebitForTransfer(
    [property: Id(0)] string CommandId,
    [property: Id(1)] string TransferId,
    [property: Id(2)] string ToAccountId,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] string Currency) : ICommand;

/// <summary>The second step of a transfer: give the amount to the destination account.</summary>
[GenerateSerializer, Immutable]
public sealed record CreditFromTransfer(
    [property: Id(0)] string CommandId,
    [property: Id(1)] string TransferId,
    [property: Id(2)] string FromAccountId,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] string Currency) : ICommand;

/// <summary>The compensation of a transfer whose credit was refused: give the debited amount back.</summary>
[GenerateSerializer, Immutable]
public sealed record ReverseTransferDebit(
    [property: Id(0)] string CommandId,
    [property: Id(1)] string TransferId,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] string Reason) : ICommand;
