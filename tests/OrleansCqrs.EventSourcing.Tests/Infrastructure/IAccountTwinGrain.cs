using OrleansCqrs.Banking.Accounts;

namespace OrleansCqrs.EventSourcing.Tests.Infrastructure;

/// <summary>A second grain type over the very same account streams: a forced second writer.</summary>
public interface IAccountTwinGrain : IGrainWithStringKey
{
    Task<CommandResult> Deposit(DepositFunds command);

    Task<CommandResult> Withdraw(WithdrawFunds command);

    Task<AccountDetails> GetDetails();

    /// <summary>JournaledGrain.RetrieveConfirmedEvents(from, to): Orleans versions, <paramref name="toVersion"/> exclusive.</summary>
    Task<IReadOnlyList<string>> RetrieveConfirmedEventNames(int fromVersion, int toVersion);
}
