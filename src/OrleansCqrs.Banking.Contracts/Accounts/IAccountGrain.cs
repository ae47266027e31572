using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Accounts;

/// <summary>A bank account in one currency. Key: <see cref="AggregateKey.For"/>(tenant, account id).</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    Task<CommandResult> Open(OpenAccount command);

    Task<CommandResult> Deposit(DepositFunds command);

    Task<CommandResult> Withdraw(WithdrawFunds command);

    Task<CommandResult> Close(CloseAccount command);

    Task<CommandResult> Debit(DebitForTransfer command);

    Task<CommandResult> Credit(CreditFromTransfer command);

    Task<CommandResult> ReverseDebit(ReverseTransferDebit command);

    Task<AccountDetails> GetDetails();

    Task<IReadOnlyList<EventEnvelope>> GetHistory(long fromVersion, int maxCount);
}
