using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>Move an amount between two accounts of one currency; sent to the transfer grain keyed by the transfer id.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferFunds(
    [property: Id(0)] string CommandId,
    [property: Id(1)] string FromAccountId,
    [property: Id(2)] string ToAccountId,
    [property: Id(3)] decimal Amount) : ICommand;
