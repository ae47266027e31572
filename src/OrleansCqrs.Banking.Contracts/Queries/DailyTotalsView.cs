namespace OrleansCqrs.Banking.Queries;

[GenerateSerializer, Immutable]
public sealed record DailyTotalsView(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] string Currency,
    [property: Id(2)] decimal Deposited,
    [property: Id(3)] decimal Withdrawn,
    [property: Id(4)] decimal Transferred,
    [property: Id(5)] long Movements);
