using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>
/// A transfer between two accounts, run as a process: debit the source, credit the destination, and give
/// the money back when the credit is refused. Key: <see cref="AggregateKey.For"/>(tenant, transfer id).
/// </summary>
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Starts the transfer (or resumes it, for a retry) and drives it to its end.</summary>
    Task<TransferResult> Execute(TransferFunds command);

    /// <summary>Where the transfer is; an unfinished transfer is driven on first.</summary>
    Task<TransferDetails> GetDetails();

    Task<IReadOnlyList<EventEnvelope>> GetHistory(long fromVersion, int maxCount);
}
