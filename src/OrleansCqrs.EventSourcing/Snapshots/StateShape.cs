using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>
/// A fingerprint of a state type's structure as the snapshot serializer sees it (<see cref="StoredJson.Options"/>):
/// the JSON names and types of every member it writes — properties and public fields — recursively, enum members
/// included. A snapshot taken under another shape is not loaded, even when nobody bumped the schema version.
/// </summary>
public static class StateShape
{
    private static readonly ConcurrentDictionary<Type, byte[]> Hashes = new();
    private static readonly ConcurrentDictionary<Type, string?> LossyMembers = new();

    public static byte[] HashOf(Type type) => Hashes.GetOrAdd(type, t => SHA256.HashData(Encoding.UTF8.GetBytes(Describe(t, []))));

    /// <summary>The member a snapshot of <paramref name="type"/> would write but not read back, or null.</summary>
    public static string? LossyMemberOf(Type type) => LossyMembers.GetOrAdd(type, t => StoredJson.FindLossyMember(t, StoredJson.Options));

    public static int SchemaVersionOf(Type type) =>
        type.GetCustomAttribute<StateSchemaVersionAttribute>()?.Version
        ?? type.GetGenericArguments().Select(a => a.GetCustomAttribute<StateSchemaVersionAttribute>()?.Version).FirstOrDefault(v => v is not null)
        ?? 1;

    private static string Describe(Type type, HashSet<Type> seen)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Describe(underlying, seen) + "?";
        }

        if (type.IsEnum)
        {
            return $"{type.Name}({string.Join(",", Enum.GetNames(type))})";
        }

        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeSpan) || type == typeof(object))
        {
            return type.FullName!;
        }

        // Names without namespaces: moving a type does not change what its snapshots hold.
        var name = type.IsGenericType
            ? $"{type.GetGenericTypeDefinition().Name}<{string.Join(",", type.GetGenericArguments().Select(a => Describe(a, seen)))}>"
            : type.Name;
        if (!seen.Add(type))
        {
            return name;
        }

        var info = StoredJson.Options.GetTypeInfo(type);
        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
        {
            return info.ElementType is { } element ? $"{name}[{Describe(element, seen)}]" : name;
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return name;
        }

        var members = info.Properties
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}:{Describe(p.PropertyType, seen)}");
        return $"{name}{{{string.Join(";", members)}}}";
    }
}
