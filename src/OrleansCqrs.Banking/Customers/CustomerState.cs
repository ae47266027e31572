namespace OrleansCqrs.Banking.Customers;

[GenerateSerializer, Immutable]
public sealed record CustomerState(
    [property: Id(0)] bool IsRegistered,
    [property: Id(1)] string Name,
    [property: Id(2)] string Email)
{
    public static CustomerState Initial { get; } = new(false, "", "");
}
