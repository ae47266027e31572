using System.Text.Json.Nodes;

namespace OrleansCqrs.EventStore;

/// <summary>
/// Maps CLR event types to stable stored names and schema versions, and holds the upcasters that
/// turn older stored payloads into the current shape. Configure it before the store uses it.
/// </summary>
public sealed class EventTypeRegistry
{
    // Concurrent: a type may be registered while the store reads (a fix deployed to a running process, then a retry of
    // the events read models parked for it).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, EventType> _byClrType = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EventType> _byName = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = new();

    /// <summary>Registers <typeparamref name="TEvent"/> as the current shape of <paramref name="name"/>.</summary>
    public EventTypeRegistry Register<TEvent>(string name, int schemaVersion = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(schemaVersion, 1);
        if (_byName.ContainsKey(name))
        {
            throw new ArgumentException($"Event type name '{name}' is already registered.", nameof(name));
        }

        if (_byClrType.TryGetValue(typeof(TEvent), out var existing))
        {
            throw new ArgumentException($"{typeof(TEvent).FullName} is already registered as '{existing.Name}'.", nameof(TEvent));
        }

        var eventType = new EventType(name, schemaVersion, typeof(TEvent));
        _byClrType[typeof(TEvent)] = eventType;
        _byName[name] = eventType;
        return this;
    }

    /// <summary>
    /// Adds the step that turns a stored payload of <paramref name="name"/> at
    /// <paramref name="fromVersion"/> into version <paramref name="fromVersion"/> + 1. Steps chain
    /// on read up to the registered schema version.
    /// </summary>
    public EventTypeRegistry AddUpcaster(string name, int fromVersion, Func<JsonObject, JsonObject> upcast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(fromVersion, 1);
        ArgumentNullException.ThrowIfNull(upcast);
        if (!_upcasters.TryAdd((name, fromVersion), upcast))
        {
            throw new ArgumentException($"An upcaster for '{name}' v{fromVersion} is already registered.", nameof(fromVersion));
        }

        return this;
    }

    /// <summary>Refuses a registered type whose payload would not come back whole, naming the member.</summary>
    /// <exception cref="ArgumentException">A member is written but cannot be read back.</exception>
    internal void CheckRoundTrip(System.Text.Json.JsonSerializerOptions options)
    {
        foreach (var eventType in _byName.Values)
        {
            if (StoredJson.FindLossyMember(eventType.ClrType, options) is { } member)
            {
                throw new ArgumentException(
                    $"Event type '{eventType.Name}' ({eventType.ClrType.FullName}) would lose {member} when read back: " +
                    "give it a public setter or a constructor parameter of the same name, or mark it [JsonIgnore].");
            }
        }
    }

    public bool TryGet(Type clrType, out EventType eventType) => _byClrType.TryGetValue(clrType, out eventType!);

    public bool TryGet(string name, out EventType eventType) => _byName.TryGetValue(name, out eventType!);

    internal bool TryGetUpcaster(string name, int fromVersion, out Func<JsonObject, JsonObject> upcast) =>
        _upcasters.TryGetValue((name, fromVersion), out upcast!);
}
