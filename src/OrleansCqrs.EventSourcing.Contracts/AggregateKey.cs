namespace OrleansCqrs.EventSourcing;

/// <summary>
/// The grain key of an aggregate: <c>"tenant/id"</c>, or just <c>"id"</c> for the default tenant.
/// The aggregate's stream is named after its grain type and id (see AggregateStream on the silo).
/// </summary>
public static class AggregateKey
{
    public const string DefaultTenant = "default";

    public static string For(string tenantId, string aggregateId) =>
        tenantId == DefaultTenant ? aggregateId : $"{tenantId}/{aggregateId}";
}
