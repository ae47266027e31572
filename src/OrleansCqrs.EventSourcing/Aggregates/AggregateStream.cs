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

    private const int MaxTenantLength = 64;

    /// <summary>The key's form, for error messages.</summary>
    public const string AllowedForm =
        "'id' or 'tenant/id', the id " + AggregateKey.IdForm + " (Orleans compound keys join with '+'), " +
        "the tenant 1 to 64 ASCII letters, digits or '-', '_', '.'";

    private static readonly SearchValues<char> TenantCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>
    /// The stream of the aggregate a grain id names. The tenant is part of the key only in the one documented form
    /// <c>tenant/id</c> (<see cref="AggregateKey.For"/> builds it); a second '/' or any other character outside the
    /// allowed set is refused, never read as something else.
    /// </summary>
    /// <exception cref="InvalidAggregateIdException">The key does not have the <see cref="AllowedForm"/>.</exception>
    public static AggregateStream From(GrainId grainId, string? aggregateType = null)
    {
        var key = grainId.Key.ToString() ?? "";
        var (tenant, aggregateId) = Streams.AggregateStreamIds.ParseKey(key);
        if (!AggregateKey.IsValidId(aggregateId))
        {
            throw new InvalidAggregateIdException($"'{Shown(aggregateId)}' is not a valid aggregate id; use {AllowedForm}.");
        }

        if (tenant.Length == 0 || tenant.Length > MaxTenantLength || tenant.AsSpan().ContainsAnyExcept(TenantCharacters))
        {
            throw new InvalidAggregateIdException($"'{Shown(tenant)}' in key '{Shown(key)}' is not a valid tenant; use {AllowedForm}.");
        }

        return new AggregateStream(tenant, aggregateId, $"{aggregateType ?? grainId.Type.ToString()}-{aggregateId}");
    }

    /// <summary>A key as a person can read it in one line: control and lone surrogate characters escaped, long ones cut.</summary>
    private static string Shown(string value)
    {
        var cut = value.Length > 40 ? value[..40] : value;
        var text = string.Concat(cut.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return value.Length > 40 ? $"{text}… ({value.Length} characters)" : text;
    }

    public override string ToString() => $"{TenantId}/{StreamId}";
}
