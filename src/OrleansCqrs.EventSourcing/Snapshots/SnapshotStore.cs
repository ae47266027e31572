using Npgsql;

namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>The table snapshots.snapshots.</summary>
public sealed class SnapshotStore(NpgsqlDataSource database)
{
    private const string Columns = "tenant_id, stream_id, version, state_type, schema_version, shape_hash, checksum, payload";

    /// <summary>The stream's snapshot after skipping the <paramref name="skip"/> newest; null when there is none.</summary>
    public async Task<StoredSnapshot?> ReadAsync(string tenantId, string streamId, int skip, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            $"select {Columns} from snapshots.snapshots where tenant_id = $1 and stream_id = $2 order by version desc offset $3 limit 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = skip });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredSnapshot(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<byte[]>(5), reader.GetFieldValue<byte[]>(6), reader.GetFieldValue<byte[]>(7))
            : null;
    }

    /// <summary>Stores a snapshot, then removes all but the newest <paramref name="keep"/> of its stream.</summary>
    public async Task WriteAsync(StoredSnapshot snapshot, int keep, CancellationToken cancellationToken = default)
    {
        await using var batch = database.CreateBatch();
        var insert = new NpgsqlBatchCommand(
            $"insert into snapshots.snapshots ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.TenantId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.StreamId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.Version });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.StateType });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = snapshot.SchemaVersion });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.ShapeHash });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Checksum });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = snapshot.Payload });
        batch.BatchCommands.Add(insert);
        var compact = new NpgsqlBatchCommand("""
            delete from snapshots.snapshots where tenant_id = $1 and stream_id = $2 and version < (
                select version from snapshots.snapshots where tenant_id = $1 and stream_id = $2 order by version desc offset $3 limit 1)
            """);
        compact.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.TenantId });
        compact.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.StreamId });
        compact.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(keep, 1) - 1 });
        batch.BatchCommands.Add(compact);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts and sizes per kind of stream (the part of the stream id before its first '-').</summary>
    public async Task<IReadOnlyList<SnapshotStats>> StatsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            select split_part(stream_id, '-', 1), count(*), count(distinct (tenant_id, stream_id)),
                   coalesce(sum(octet_length(payload)), 0)::bigint, coalesce(max(octet_length(payload)), 0), max(created_at)
            from snapshots.snapshots group by 1 order by 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stats = new List<SnapshotStats>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stats.Add(new SnapshotStats(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return stats;
    }
}
