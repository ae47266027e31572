namespace OrleansCqrs.Banking.Accounts;

[GenerateSerializer, Immutable]
public sealed record AccountState(
    [property: Id(0)] AccountStatus Status,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Currency,
    [property: Id(3)] decimal Balance,
    [property: Id(4)] decimal OverdraftLimit)
{
    public static AccountState Initial { get; } = new(AccountStatus.NotOpened, "", "", 0m, 0m);

    /// <summary>The most that can be taken out now.</summary>
    public decimal Available => Balance + OverdraftLimit;
}
