using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OrleansCqrs.EventStore;

/// <summary>Turns events into stored JSON and back, upcasting old payloads on the way in.</summary>
internal sealed class EventSerializer(EventTypeRegistry registry, JsonSerializerOptions jsonOptions, int maxPayloadBytes)
{
    private static readonly JsonSerializerOptions MetadataOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="index">The event's place in its append, for error messages.</param>
    public SerializedEvent Serialize(NewEvent newEvent, int index)
    {
        var clrType = newEvent.Data.GetType();
        if (!registry.TryGet(clrType, out var eventType))
        {
            throw new UnregisteredEventTypeException(clrType);
        }

        string data;
        string metadata;
        try
        {
            data = JsonSerializer.Serialize(newEvent.Data, clrType, jsonOptions);
            metadata = JsonSerializer.Serialize(newEvent.Metadata ?? EventMetadata.None, MetadataOptions);
        }
        catch (Exception error) when (error is JsonException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            // NaN and Infinity (not JSON numbers), nesting past the serializer's depth, a cycle.
            throw new InvalidEventPayloadException(eventType.Name, index, error.Message);
        }

        var size = (long)System.Text.Encoding.UTF8.GetByteCount(data) + System.Text.Encoding.UTF8.GetByteCount(metadata);
        if (size > maxPayloadBytes)
        {
            throw new PayloadTooLargeException(eventType.Name, (int)Math.Min(size, int.MaxValue), maxPayloadBytes);
        }

        return new SerializedEvent(newEvent.EventId ?? Guid.CreateVersion7(), eventType.Name, eventType.SchemaVersion, data, metadata);
    }

    public object Deserialize(string tenantId, string streamId, GlobalPosition position, string eventTypeName, int storedVersion, string data)
    {
        try
        {
            return DeserializeCore(tenantId, streamId, position, eventTypeName, storedVersion, data);
        }
        catch (Exception error) when (error is not UnknownEventTypeException)
        {
            // A payload that does not fit its type, or an upcaster that throws: as unreadable as an unknown type.
            throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion,
                $"the payload cannot be read ({error.GetType().Name}: {error.Message})");
        }
    }

    private object DeserializeCore(string tenantId, string streamId, GlobalPosition position, string eventTypeName, int storedVersion, string data)
    {
        if (!registry.TryGet(eventTypeName, out var eventType))
        {
            throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion, "the type is not registered");
        }

        if (storedVersion == eventType.SchemaVersion)
        {
            return JsonSerializer.Deserialize(data, eventType.ClrType, jsonOptions)
                ?? throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion, "the payload is null");
        }

        if (storedVersion > eventType.SchemaVersion)
        {
            throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion,
                $"this process knows schema versions up to {eventType.SchemaVersion}");
        }

        var node = JsonNode.Parse(data) as JsonObject
            ?? throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion, "the payload is not a JSON object");
        for (var version = storedVersion; version < eventType.SchemaVersion; version++)
        {
            if (!registry.TryGetUpcaster(eventTypeName, version, out var upcast))
            {
                throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion,
                    $"no upcaster from v{version} to v{version + 1}");
            }

            node = upcast(node);
        }

        return node.Deserialize(eventType.ClrType, jsonOptions)
            ?? throw new UnknownEventTypeException(tenantId, streamId, position, eventTypeName, storedVersion, "the upcast payload is null");
    }

    public static EventMetadata DeserializeMetadata(string metadata) =>
        JsonSerializer.Deserialize<EventMetadata>(metadata, MetadataOptions) ?? EventMetadata.None;
}
