using System.Buffers;

namespace OrleansCqrs.EventSourcing;

/// <summary>
/// The grain key of an aggregate: <c>"tenant/id"</c>, or just <c>"id"</c> for the default tenant.
/// The aggregate's stream is named after its grain type and id (see AggregateStream on the silo).
/// </summary>
public static class AggregateKey
{
    public const string DefaultTenant = "default";

    public const int MaxIdLength = 100;

    /// <summary>The id's form, for messages people read: the same words wherever an id is checked.</summary>
    public const string IdForm = "1 to 100 letters, digits or - _ . : @ +";

    // '+' joins Orleans compound keys; '/' is not here because it separates the tenant.
    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@+");

    public static string For(string tenantId, string aggregateId) =>
        tenantId == DefaultTenant ? aggregateId : $"{tenantId}/{aggregateId}";

    /// <summary>True when <paramref name="aggregateId"/> can name an aggregate (<see cref="IdForm"/>). Pure: clients, deciders and the silo share it.</summary>
    public static bool IsValidId(string? aggregateId) =>
        !string.IsNullOrEmpty(aggregateId) && aggregateId.Length <= MaxIdLength && !aggregateId.AsSpan().ContainsAnyExcept(IdCharacters);
}
