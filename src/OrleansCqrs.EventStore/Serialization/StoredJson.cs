using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrleansCqrs.EventStore;

/// <summary>
/// The one JSON configuration for everything stored: event payloads and snapshots. Public fields are written and read
/// like properties (an Orleans-style <c>class Deposited { public int Amount; }</c> would otherwise be stored as
/// <c>{}</c>), and <see cref="FindLossyMember"/> tells when a type would still lose data on the way back.
/// </summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { IncludeFields = true };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// The first member of <paramref name="type"/> (or of a type it holds) that is written but cannot be read back —
    /// a property with no public setter that no constructor parameter takes — as <c>Type.Member</c>; null when every
    /// written member comes back.
    /// </summary>
    public static string? FindLossyMember(Type type, JsonSerializerOptions options) => FindLossyMember(type, options, []);

    private static string? FindLossyMember(Type type, JsonSerializerOptions options, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type == typeof(object))
        {
            return null;
        }

        JsonTypeInfo info;
        try
        {
            info = options.GetTypeInfo(type);
        }
        catch (Exception error) when (error is NotSupportedException or InvalidOperationException)
        {
            return $"{type.Name} ({error.Message})";
        }

        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
        {
            return info.ElementType is { } element ? FindLossyMember(element, options, seen) : null;
        }

        if (info.Kind != JsonTypeInfoKind.Object || type.IsInterface || type.IsAbstract)
        {
            return null;
        }

        foreach (var property in info.Properties)
        {
            if (property.Get is not null && property.Set is null && property.AssociatedParameter is null && HoldsData(property))
            {
                return $"{type.Name}.{property.Name}";
            }

            if (FindLossyMember(property.PropertyType, options, seen) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>
    /// A member that keeps a value of its own (a field, or a property with a setter or a compiler backing field), as
    /// opposed to a computed one (<c>Available => Balance + Overdraft</c>), which is written but needs no reading back.
    /// </summary>
    private static bool HoldsData(JsonPropertyInfo property) => property.AttributeProvider switch
    {
        System.Reflection.FieldInfo => true,
        System.Reflection.PropertyInfo member => member.SetMethod is not null
            || member.DeclaringType?.GetField($"<{member.Name}>k__BackingField",
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic) is not null,
        _ => false,
    };
}
