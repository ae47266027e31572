using Npgsql;
using NpgsqlTypes;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Projections;

/// <summary>The table <c>projections.checkpoints</c>: how far each log-following read model has applied the log.</summary>
internal static class ProjectionCheckpoints
{
    public static async Task<(GlobalPosition Position, bool Paused)> LoadAsync(NpgsqlConnection connection, string projection, CancellationToken cancellationToken)
    {
        // The first read of a projection creates its row (at the start of the log).
        await using var command = new NpgsqlCommand("""
            with created as (
                insert into projections.checkpoints (projection) values ($1) on conflict do nothing
                returning transaction_id, position, paused)
            select transaction_id, position, paused from created
            union all
            select transaction_id, position, paused from projections.checkpoints where projection = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (new GlobalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)), reader.GetBoolean(2));
    }

    /// <summary>Moves the checkpoint from <paramref name="from"/>; false when someone else moved it first.</summary>
    public static async Task<bool> AdvanceAsync(NpgsqlConnection connection, string projection, GlobalPosition from, GlobalPosition to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            update projections.checkpoints set transaction_id = $2, position = $3, updated_at = now()
            where projection = $1 and transaction_id = $4 and position = $5 and not paused
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = to.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = to.Position });
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = from.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from.Position });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task SetAsync(NpgsqlConnection connection, string projection, GlobalPosition position, bool paused, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into projections.checkpoints (projection, transaction_id, position, paused) values ($1, $2, $3, $4)
            on conflict (projection) do update set transaction_id = $2, position = $3, paused = $4, updated_at = now()
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<ulong> { TypedValue = position.TransactionId, NpgsqlDbType = NpgsqlDbType.Xid8 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Position });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = paused });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SetPausedAsync(NpgsqlConnection connection, string projection, bool paused, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into projections.checkpoints (projection, paused) values ($1, $2)
            on conflict (projection) do update set paused = $2, updated_at = now()
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = paused });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
