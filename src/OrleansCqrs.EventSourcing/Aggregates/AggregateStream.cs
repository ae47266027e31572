using System.Buffers;

namespace OrleansCqrs.EventSourcing.Aggregates;

/// <summary>
/// Where an aggregate grain's events live: the tenant and the stream id, both taken from the grain id.
/// A grain key <c>"acme/42"</c> of grain type <c>account</c> is stream <c>account-42</c> of tenant
/// <c>acme</c>; a key without a tenant part belongs to the <see cref="DefaultTenant"/>.
/// </summary>
public sealed record AggregateStream(string TenantId, string AggregateId, string StreamId)
{
    public const string DefaultTenant = AggregateKey.DefaultTenant;

    private const int MaxKeyLength = 100;

    private static readonly SearchValues<char> KeyCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@");

    /// <exception cref="ArgumentException">The key is empty, too long or has characters a stream id may not carry.</exception>
    public static AggregateStream From(GrainId grainId, string? aggregateType = null)
    {
        var (tenant, aggregateId) = Streams.AggregateStreamIds.ParseKey(grainId.Key.ToString() ?? "");
        if (aggregateId.Length == 0 || aggregateId.Length > MaxKeyLength || aggregateId.AsSpan().ContainsAnyExcept(KeyCharacters))
        {
            throw new ArgumentException(
                $"'{aggregateId}' is not a valid aggregate id: use 1 to {MaxKeyLength} letters, digits or - _ . : @.");
        }

        return new AggregateStream(tenant, aggregateId, $"{aggregateType ?? grainId.Type.ToString()}-{aggregateId}");
    }

    public override string ToString() => $"{TenantId}/{StreamId}";
}
