using Npgsql;

namespace OrleansCqrs.EventStore.Postgres;

/// <summary>The columns every event read selects, and how a row becomes a <see cref="RecordedEvent"/>.</summary>
internal static class EventRows
{
    public const string Columns =
        "tenant_id, stream_id, stream_version, transaction_id, global_position, event_id, event_type, schema_version, data, metadata, recorded_at";

    public static RecordedEvent Read(NpgsqlDataReader row, EventSerializer serializer, UnreadableEvents unreadable)
    {
        var tenantId = row.GetString(0);
        var streamId = row.GetString(1);
        var position = new GlobalPosition(row.GetFieldValue<ulong>(3), row.GetInt64(4));
        var eventType = row.GetString(6);
        var schemaVersion = row.GetInt32(7);
        var raw = row.GetString(8);
        object data;
        try
        {
            data = serializer.Deserialize(tenantId, streamId, position, eventType, schemaVersion, raw);
        }
        catch (UnknownEventTypeException unknown) when (unreadable == UnreadableEvents.Return)
        {
            data = new UnreadableEvent(raw, unknown.Message);
        }

        return new RecordedEvent(
            tenantId,
            streamId,
            row.GetInt64(2),
            position,
            row.GetGuid(5),
            eventType,
            schemaVersion,
            data,
            EventSerializer.DeserializeMetadata(row.GetString(9)),
            row.GetFieldValue<DateTimeOffset>(10));
    }
}
