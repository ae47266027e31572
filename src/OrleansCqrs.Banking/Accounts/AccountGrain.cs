using OrleansCqrs.Banking.Customers;
using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.Banking.Accounts;

[GrainType("account")]
public sealed class AccountGrain : EventSourcedGrain<AccountState, IAccountEvent>, IAccountGrain
{
    protected override AccountState InitialState => AccountState.Initial;

    protected override AccountState Evolve(AccountState state, IAccountEvent @event) => Account.Evolve(state, @event);

    public async Task<CommandResult> Open(OpenAccount command)
    {
        // Looked up before deciding, so the decision itself stays a pure function.
        var customerIsRegistered = await IsRegisteredCustomer(command.CustomerId);
        return await Execute(command, state => Account.Open(state, command, customerIsRegistered));
    }

    public Task<CommandResult> Deposit(DepositFunds command) => Execute(command, state => Account.Deposit(state, command));

    public Task<CommandResult> Withdraw(WithdrawFunds command) => Execute(command, state => Account.Withdraw(state, command));

    public Task<CommandResult> Close(CloseAccount command) => Execute(command, state => Account.Close(state, command));

    public Task<CommandResult> Debit(DebitForTransfer command) => Execute(command, state => Account.Debit(state, command));

    public Task<CommandResult> Credit(CreditFromTransfer command) => Execute(command, state => Account.Credit(state, command));

    public Task<CommandResult> ReverseDebit(ReverseTransferDebit command) => Execute(command, state => Account.ReverseDebit(state, command));

    public async Task<AccountDetails> GetDetails()
    {
        await EnsureCurrentAsync();
        return ToDetails(Stream.AggregateId, Current, Version);
    }

    public Task<IReadOnlyList<EventEnvelope>> GetHistory(long fromVersion, int maxCount) => ReadHistory(fromVersion, maxCount);

    public static AccountDetails ToDetails(string accountId, AccountState state, long version) =>
        new(accountId, state.Status, state.CustomerId, state.Currency, state.Balance, state.OverdraftLimit, version);

    private async Task<bool> IsRegisteredCustomer(string customerId)
    {
        if (string.IsNullOrWhiteSpace(customerId) || Current.Status != AccountStatus.NotOpened)
        {
            return false;
        }

        try
        {
            var customer = GrainFactory.GetGrain<ICustomerGrain>(AggregateKey.For(Stream.TenantId, customerId));
            return (await customer.GetDetails()).IsRegistered;
        }
        catch (AggregateLoadException)
        {
            return false; // not a valid customer id
        }
    }
}
