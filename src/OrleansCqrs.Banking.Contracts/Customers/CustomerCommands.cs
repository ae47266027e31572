using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking.Customers;

[GenerateSerializer, Immutable]
public sealed record RegisterCustomer(
    [property: Id(0)] string CommandId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Email) : ICommand;
