using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.Banking.Customers;

[GrainType("customer")]
public sealed class CustomerGrain : EventSourcedGrain<CustomerState, ICustomerEvent>, ICustomerGrain
{
    protected override CustomerState InitialState => CustomerState.Initial;

    protected override CustomerState Evolve(CustomerState state, ICustomerEvent @event) => Customer.Evolve(state, @event);

    public Task<CommandResult> Register(RegisterCustomer command) =>
        Execute(command, state => Customer.Register(state, command));

    public async Task<CustomerDetails> GetDetails()
    {
        await EnsureCurrentAsync();
        return new CustomerDetails(Stream.AggregateId, Current.IsRegistered, Current.Name, Current.Email, Version);
    }

    public Task<IReadOnlyList<EventEnvelope>> GetHistory(long fromVersion, int maxCount) => ReadHistory(fromVersion, maxCount);
}
