using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

[GenerateSerializer, Immutable]
public sealed record TransferState(
    [property: Id(0)] TransferStatus Status,
    [property: Id(1)] string FromAccountId,
    [property: Id(2)] string ToAccountId,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] string Currency,
    [property: Id(5)] DomainError? Error)
{
    public static TransferState Initial { get; } = new(TransferStatus.NotStarted, "", "", 0m, "", null);
}
