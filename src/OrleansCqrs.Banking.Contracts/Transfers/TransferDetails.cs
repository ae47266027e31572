using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <param name="Error">Why the transfer did not complete (the debit or the credit was refused); null otherwise.</param>
[GenerateSerializer, Immutable]
public sealed record TransferDetails(
    [property: Id(0)] string TransferId,
    [property: Id(1)] TransferStatus Status,
    [property: Id(2)] string FromAccountId,
    [property: Id(3)] string ToAccountId,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] string Currency,
    [property: Id(6)] DomainError? Error,
    [property: Id(7)] long Version)
{
    public bool IsFinished => Status is TransferStatus.Completed or TransferStatus.Compensated or TransferStatus.Failed;
}
