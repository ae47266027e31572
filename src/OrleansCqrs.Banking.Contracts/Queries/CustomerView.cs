namespace OrleansCqrs.Banking.Queries;

[GenerateSerializer, Immutable]
public sealed record CustomerView(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Email,
    [property: Id(3)] IReadOnlyList<string> AccountIds,
    [property: Id(4)] DateTimeOffset? RegisteredAt);
