using System.Security.Cryptography;
using System.Text.Json;

namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>
/// Turns state into a snapshot row and back. A row is used only when its state type, schema version and shape
/// match the running code and its payload matches its SHA-256; otherwise the reason is returned.
/// </summary>
public static class SnapshotCodec
{
    // The events' configuration: whatever a grain's events and state hold in public fields or properties comes back.
    private static readonly JsonSerializerOptions Json = EventStore.StoredJson.Options;

    /// <param name="stateType">The type whose schema version and shape the snapshot is bound to.</param>
    /// <exception cref="NotSupportedException">The state would not come back whole from its snapshot (the member is named).</exception>
    public static StoredSnapshot Encode<TPayload>(string tenantId, string streamId, long version, TPayload payload, Type stateType)
    {
        if (StateShape.LossyMemberOf(typeof(TPayload)) is { } lossy)
        {
            throw new NotSupportedException(
                $"{NameOf(stateType)} cannot be snapshotted: {lossy} is written but not read back (give it a public setter or a constructor parameter).");
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        return new StoredSnapshot(
            tenantId, streamId, version, NameOf(stateType), StateShape.SchemaVersionOf(stateType), ShapeOf<TPayload>(stateType), SHA256.HashData(bytes), bytes);
    }

    public static (TPayload? Payload, string? Rejection) Decode<TPayload>(StoredSnapshot snapshot, Type stateType)
        where TPayload : class
    {
        if (snapshot.StateType != NameOf(stateType))
        {
            return (null, "state_type");
        }

        if (snapshot.SchemaVersion != StateShape.SchemaVersionOf(stateType))
        {
            return (null, "schema_version");
        }

        if (!snapshot.ShapeHash.AsSpan().SequenceEqual(ShapeOf<TPayload>(stateType)))
        {
            return (null, "shape");
        }

        if (!SHA256.HashData(snapshot.Payload).AsSpan().SequenceEqual(snapshot.Checksum))
        {
            return (null, "checksum");
        }

        try
        {
            return JsonSerializer.Deserialize<TPayload>(snapshot.Payload, Json) is { } payload ? (payload, null) : (null, "empty");
        }
        catch (JsonException)
        {
            return (null, "unreadable");
        }
    }

    private static byte[] ShapeOf<TPayload>(Type stateType) =>
        SHA256.HashData([.. StateShape.HashOf(typeof(TPayload)), .. StateShape.HashOf(stateType)]);

    private static string NameOf(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(NameOf))}>" : type.Name;
}
