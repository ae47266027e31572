using Npgsql;
using NpgsqlTypes;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>The table <c>projections.partition_checkpoints</c>: how far each partition's events have been delivered.</summary>
public sealed class PartitionCheckpoints(NpgsqlDataSource dataSource)
{
    public async Task<GlobalPosition> LoadAsync(string provider, int partition, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select transaction_id, position from projections.partition_checkpoints where provider = $1 and partition_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = provider });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : GlobalPosition.Start;
    }

    public async Task SaveAsync(string provider, int partition, GlobalPosition position, CancellationToken cancellationToken = default)
    {
        // Durable before it counts: its WAL flush also makes every earlier (asynchronous) projection write durable.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var durable = new NpgsqlCommand("set local synchronous_commit = on", connection, transaction))
        {
            await durable.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("""
            insert into projections.partition_checkpoints (provider, partition_id, transaction_id, position) values ($1, $2, $3, $4)
            on conflict (provider, partition_id) do update set transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()
            where (partition_checkpoints.transaction_id, partition_checkpoints.position) < (excluded.transaction_id, excluded.position)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = provider });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Position });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
