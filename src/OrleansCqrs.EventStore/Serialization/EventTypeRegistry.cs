using System.Text.Json.Nodes;

namespace OrleansCqrs.EventStore;

/// <summary>
/// Maps CLR event types to stable stored names and schema versions, and holds the upcasters that
/// turn older stored payloads into the current shape. Configure it before the store uses it.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<Type, EventType> _byClrType = [];
    private readonly Dictionary<string, EventType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, int FromVersion), Func<JsonObject, JsonObject>> _upcasters = [];

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
        _byClrType.Add(typeof(TEvent), eventType);
        _byName.Add(name, eventType);
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

    public bool TryGet(Type clrType, out EventType eventType) => _byClrType.TryGetValue(clrType, out eventType!);

    public bool TryGet(string name, out EventType eventType) => _byName.TryGetValue(name, out eventType!);

    internal bool TryGetUpcaster(string name, int fromVersion, out Func<JsonObject, JsonObject> upcast) =>
        _upcasters.TryGetValue((name, fromVersion), out upcast!);
}
