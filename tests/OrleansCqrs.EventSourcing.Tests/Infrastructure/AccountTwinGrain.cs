using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.EventSourcing.Tests.Infrastructure;

[GrainType("account-twin")]
[AggregateType("account")]
public sealed class AccountTwinGrain : EventSourcedGrain<AccountState, IAccountEvent>, IAccountTwinGrain
{
    protected override AccountState InitialState => AccountState.Initial;

    protected override AccountState Evolve(AccountState state, IAccountEvent @event) => Account.Evolve(state, @event);

    public Task<CommandResult> Deposit(DepositFunds command) => Execute(command, state => Account.Deposit(state, command));

    public Task<CommandResult> Withdraw(WithdrawFunds command) => Execute(command, state => Account.Withdraw(state, command));

    public async Task<AccountDetails> GetDetails()
    {
        await EnsureCurrentAsync();
        return AccountGrain.ToDetails(Stream.AggregateId, Current, Version);
    }

    public async Task<IReadOnlyList<string>> RetrieveConfirmedEventNames(int fromVersion, int toVersion) =>
        (await RetrieveConfirmedEvents(fromVersion, toVersion)).Select(e => e.GetType().Name).ToList();
}
