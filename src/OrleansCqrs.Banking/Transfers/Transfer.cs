using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>
/// The transfer process's rules. Each step records how an account answered; the grain sends the
/// account commands with ids derived from the transfer id, so every step is idempotent.
/// </summary>
public static class Transfer
{
    /// <param name="source">The source account, looked up for a transfer not started yet; null otherwise.</param>
    public static Decision<ITransferEvent> Start(TransferState state, TransferFunds command, AccountDetails? source)
    {
        if (MoneyRules.CheckAmount(command.Amount) is { } badAmount) return badAmount;
        foreach (var (role, id) in new[] { ("Source", command.FromAccountId), ("Destination", command.ToAccountId) })
        {
            // Checked before anything is debited: an id no account can have would only fail the credit later.
            if (!AggregateKey.IsValidId(id))
            {
                return Decision<ITransferEvent>.Reject(BankingErrors.InvalidId,
                    $"{role} account id '{(id is { Length: > 40 } ? id[..40] + "…" : id)}' is not valid: use {AggregateKey.IdForm}.");
            }
        }

        if (command.FromAccountId == command.ToAccountId)
        {
            return Decision<ITransferEvent>.Reject(BankingErrors.SameAccount, "A transfer needs two different accounts.");
        }

        if (state.Status != TransferStatus.NotStarted)
        {
            // The same transfer asked again (a retry under a new command id) resumes it; another one is refused.
            return state.FromAccountId == command.FromAccountId && state.ToAccountId == command.ToAccountId && state.Amount == command.Amount
                ? Decision<ITransferEvent>.NothingToDo
                : Decision<ITransferEvent>.Reject(BankingErrors.TransferIdReused, "This transfer id was used for a different transfer.");
        }

        if (source is not { Status: AccountStatus.Open })
        {
            return Decision<ITransferEvent>.Reject(
                source?.Status == AccountStatus.Closed ? BankingErrors.AccountClosed : BankingErrors.AccountNotOpen,
                $"Source account '{command.FromAccountId}' is not open.");
        }

        return Decision<ITransferEvent>.Accept(new TransferRequested(command.FromAccountId, command.ToAccountId, command.Amount, source.Currency));
    }

    public static Decision<ITransferEvent> DebitAnswered(TransferState state, CommandResult debit) =>
        state.Status != TransferStatus.Requested ? Decision<ITransferEvent>.NothingToDo
        : debit.Error is { } refused ? Decision<ITransferEvent>.Accept(new TransferDebitRefused(refused.Code, refused.Message))
        : Decision<ITransferEvent>.Accept(new TransferDebitRecorded());

    public static Decision<ITransferEvent> CreditAnswered(TransferState state, CommandResult credit) =>
        state.Status != TransferStatus.Debited ? Decision<ITransferEvent>.NothingToDo
        : credit.Error is { } refused ? Decision<ITransferEvent>.Accept(new TransferCreditRefused(refused.Code, refused.Message))
        : Decision<ITransferEvent>.Accept(new TransferCreditRecorded());

    public static Decision<ITransferEvent> Compensated(TransferState state) =>
        state.Status != TransferStatus.CreditRefused ? Decision<ITransferEvent>.NothingToDo : Decision<ITransferEvent>.Accept(new TransferCompensated());

    public static TransferState Evolve(TransferState state, ITransferEvent @event) => @event switch
    {
        TransferRequested requested => state with
        {
            Status = TransferStatus.Requested,
            FromAccountId = requested.FromAccountId,
            ToAccountId = requested.ToAccountId,
            Amount = requested.Amount,
            Currency = requested.Currency,
        },
        TransferDebitRecorded => state with { Status = TransferStatus.Debited },
        TransferDebitRefused refused => state with { Status = TransferStatus.Failed, Error = new DomainError(refused.Code, refused.Message) },
        TransferCreditRecorded => state with { Status = TransferStatus.Completed },
        TransferCreditRefused refused => state with { Status = TransferStatus.CreditRefused, Error = new DomainError(refused.Code, refused.Message) },
        TransferCompensated => state with { Status = TransferStatus.Compensated },
        _ => state,
    };
}
