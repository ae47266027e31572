using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>Events of a transfer process: what was asked, and how each account answered.</summary>
public interface ITransferEvent;

[GenerateSerializer, Immutable]
public sealed record TransferRequested(string FromAccountId, string ToAccountId, decimal Amount, string Currency) : ITransferEvent;

[GenerateSerializer, Immutable]
public sealed record TransferDebitRecorded : ITransferEvent;

[GenerateSerializer, Immutable]
public sealed record TransferDebitRefused(string Code, string Message) : ITransferEvent;

[GenerateSerializer, Immutable]
public sealed record TransferCreditRecorded : ITransferEvent;

[GenerateSerializer, Immutable]
public sealed record TransferCreditRefused(string Code, string Message) : ITransferEvent;

[GenerateSerializer, Immutable]
public sealed record TransferCompensated : ITransferEvent;
