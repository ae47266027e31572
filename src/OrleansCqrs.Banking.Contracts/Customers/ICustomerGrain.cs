using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Customers;

/// <summary>A bank customer. Key: <see cref="AggregateKey.For"/>(tenant, customer id).</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task<CommandResult> Register(RegisterCustomer command);

    Task<CustomerDetails> GetDetails();

    Task<IReadOnlyList<EventEnvelope>> GetHistory(long fromVersion, int maxCount);
}
