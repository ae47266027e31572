using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>
/// The Orleans stream of an aggregate's events: namespace = aggregate type, key = the aggregate's grain key,
/// so an implicitly subscribed projection grain has the same key as the aggregate grain.
/// </summary>
public static class AggregateStreamIds
{
    /// <summary>Null for a store stream that is not named <c>{type}-{id}</c>.</summary>
    public static StreamId? For(string tenantId, string storeStreamId)
    {
        var dash = storeStreamId.IndexOf('-');
        if (dash <= 0 || dash == storeStreamId.Length - 1)
        {
            return null;
        }

        return StreamId.Create(storeStreamId[..dash], AggregateKey.For(tenantId, storeStreamId[(dash + 1)..]));
    }

    /// <summary>The tenant and store stream of a projection grain keyed like its aggregate.</summary>
    public static (string TenantId, string AggregateId) ParseKey(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        return slash < 0 ? (AggregateStream.DefaultTenant, grainKey) : (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
