using Npgsql;
using NpgsqlTypes;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>The SQL of <c>projections.parked_events</c>: events read models could not read or apply.</summary>
public static class ParkedEvents
{
    /// <summary>Waiting for a retry; a per-aggregate read model holds its stream behind it.</summary>
    public const string Parked = "parked";

    /// <summary>An operator decided to go on without it (the row stays as the record of that decision).</summary>
    public const string Skipped = "skipped";

    /// <summary>Why an event was parked when the read model's own code refused it.</summary>
    public static string ApplyFailure(Exception error) => $"applying it threw {error.GetType().Name}: {error.Message}";

    private const string Columns =
        "projection, tenant_id, stream_id, stream_version, position, event_type, schema_version, error, status, attempts, first_seen, last_attempt";

    /// <summary>Parks an event, or counts one more attempt at an event parked before.</summary>
    public static NpgsqlBatchCommand Park(string projection, ProjectedEvent @event, string error)
    {
        var command = new NpgsqlBatchCommand(
            "insert into projections.parked_events " +
            "(projection, tenant_id, stream_id, stream_version, transaction_id, position, event_type, schema_version, error) " +
            "values ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
            "on conflict (projection, tenant_id, stream_id, stream_version) do update " +
            "set error = excluded.error, attempts = parked_events.attempts + 1, last_attempt = now()");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = @event.TenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = @event.StreamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = @event.StreamVersion });
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = @event.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = @event.Position });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = @event.EventType });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = @event.Data is UnreadablePayload u ? u.SchemaVersion : 0 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error.Length > 2000 ? error[..2000] : error });
        return command;
    }

    /// <summary>Removes a parked event once it has been applied.</summary>
    public static NpgsqlBatchCommand Release(string projection, string tenantId, string streamId, long streamVersion)
    {
        var command = new NpgsqlBatchCommand(
            "delete from projections.parked_events where projection = $1 and tenant_id = $2 and stream_id = $3 and stream_version = $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = streamVersion });
        return command;
    }

    public static async Task<IReadOnlyList<ParkedEvent>> ListAsync(
        NpgsqlDataSource database, string? projection, string? tenantId = null, string? streamId = null, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            $"select {Columns} from projections.parked_events " +
            "where ($1::text is null or projection = $1) and ($2::text is null or tenant_id = $2) and ($3::text is null or stream_id = $3) " +
            "order by projection, tenant_id, stream_id, stream_version limit 10000");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)projection ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)streamId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var parked = new List<ParkedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            parked.Add(new ParkedEvent(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5),
                reader.GetInt32(6), reader.GetString(7), reader.GetString(8), reader.GetInt32(9),
                reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return parked;
    }

    /// <summary>Events each read model has parked (status parked), by read model: one query for all.</summary>
    public static async Task<Dictionary<string, long>> CountParkedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select projection, count(*) from projections.parked_events where status = '{Parked}' group by projection", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Records an operator's decision to go on without the event; true when it was parked.</summary>
    public static async Task<bool> SkipAsync(NpgsqlDataSource database, string projection, string tenantId, string streamId, long streamVersion)
    {
        await using var command = database.CreateCommand(
            $"update projections.parked_events set status = '{Skipped}', last_attempt = now() " +
            "where projection = $1 and tenant_id = $2 and stream_id = $3 and stream_version = $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = streamVersion });
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
