namespace OrleansCqrs.Banking.Queries;

/// <summary>A transfer that has neither completed nor been compensated (nor failed at its debit): its last recorded step and when.</summary>
[GenerateSerializer, Immutable]
public sealed record UnfinishedTransferView(
    [property: Id(0)] string TransferId,
    [property: Id(1)] string LastStep,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset LastActivity);
