using Npgsql;
using NpgsqlTypes;

namespace OrleansCqrs.Banking.ReadModels.CustomerDirectory;

/// <summary>SQL of readmodels.customer_directory.</summary>
internal static class CustomerDirectoryTable
{
    public const string Name = "customer_directory";

    public const string Columns = "tenant_id, customer_id, name, email, account_ids, registered_at";

    public static CustomerDirectoryRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        [.. reader.GetFieldValue<string[]>(4)], reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));

    public static async Task<Dictionary<(string, string), CustomerDirectoryRow>> LoadAsync(
        NpgsqlConnection connection, string table, IReadOnlyCollection<(string Tenant, string Customer)>? keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            keys is null
                ? $"select {Columns} from {table}"
                : $"select {Columns} from {table} where (tenant_id, customer_id) in (select * from unnest($1::text[], $2::text[]))",
            connection);
        if (keys is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Tenant).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Customer).ToArray() });
        }

        var rows = new Dictionary<(string, string), CustomerDirectoryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Read(reader);
            rows[(row.TenantId, row.CustomerId)] = row;
        }

        return rows;
    }

    public static async Task UpsertAsync(NpgsqlConnection connection, IEnumerable<CustomerDirectoryRow> rows, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand($"""
                insert into readmodels.customer_directory ({Columns}) values ($1, $2, $3, $4, $5, $6)
                on conflict (tenant_id, customer_id) do update set
                    name = excluded.name, email = excluded.email, account_ids = excluded.account_ids, registered_at = excluded.registered_at
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.TenantId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.CustomerId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Name });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Email });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. row.AccountIds] });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.RegisteredAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task CopyAsync(NpgsqlConnection connection, string table, IEnumerable<CustomerDirectoryRow> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"copy {table} ({Columns}) from stdin (format binary)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.TenantId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.CustomerId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Email, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.AccountIds.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            if (row.RegisteredAt is { } registeredAt)
            {
                await copy.WriteAsync(registeredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

}
