namespace OrleansCqrs.Banking.Customers;

[GenerateSerializer, Immutable]
public sealed record CustomerDetails(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool IsRegistered,
    [property: Id(2)] string Name,
    [property: Id(3)] string Email,
    [property: Id(4)] long Version);
