using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.CustomerDirectory;

/// <summary>Pure: which directory row an event changes, and how. It needs the global order: accounts belong to customers of other streams.</summary>
public static class CustomerDirectoryProjection
{
    /// <summary>The customer whose row the event changes; null for events the directory ignores.</summary>
    public static string? CustomerOf(ProjectedEvent @event) => @event.Data switch
    {
        CustomerRegistered when @event.StreamId.StartsWith("customer-", StringComparison.Ordinal) => @event.StreamId[9..],
        AccountOpened opened => opened.CustomerId,
        _ => null,
    };

    public static CustomerDirectoryRow Apply(CustomerDirectoryRow row, ProjectedEvent @event) => @event.Data switch
    {
        CustomerRegistered registered => row with { Name = registered.Name, Email = registered.Email, RegisteredAt = @event.RecordedAt },
        AccountOpened when @event.StreamId.StartsWith("account-", StringComparison.Ordinal) && !row.AccountIds.Contains(@event.StreamId[8..]) =>
            row with { AccountIds = row.AccountIds.Add(@event.StreamId[8..]) },
        _ => row,
    };
}
