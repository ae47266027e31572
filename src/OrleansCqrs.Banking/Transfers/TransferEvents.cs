using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>Events of a transfer process: what was asked, and how each account answered.</summary>
public interface ITransferEvent;

public sealed record TransferRequested(string FromAccountId, string ToAccountId, decimal Amount, string Currency) : ITransferEvent;

public sealed record TransferDebitRecorded : ITransferEvent;

public sealed record TransferDebitRefused(string Code, string Message) : ITransferEvent;

public sealed record TransferCreditRecorded : ITransferEvent;

public sealed record TransferCreditRefused(string Code, string Message) : ITransferEvent;

public sealed record TransferCompensated : ITransferEvent;
