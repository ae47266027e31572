using Npgsql;
using NpgsqlTypes;

namespace OrleansCqrs.Banking.ReadModels.AccountTransactions;

/// <summary>SQL of readmodels.account_transactions.</summary>
internal static class AccountTransactionsTable
{
    public const string Name = "account_transactions";

    public const string Columns = "tenant_id, account_id, version, kind, amount, balance_after, transfer_id, counterparty, recorded_at";

    public static async Task CopyAsync(NpgsqlConnection connection, string table, IEnumerable<AccountTransactionRow> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"copy {table} ({Columns}) from stdin (format binary)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.TenantId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.AccountId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Version, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.Amount, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(row.BalanceAfter, NpgsqlDbType.Numeric, cancellationToken);
            await WriteNullableAsync(copy, row.TransferId, cancellationToken);
            await WriteNullableAsync(copy, row.Counterparty, cancellationToken);
            await copy.WriteAsync(row.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Inserts rows live; a row already there (a redelivery) is left as it is.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyList<AccountTransactionRow> rows) =>
        rows.Count == 1 ? InsertOne(rows[0]) : InsertMany(rows);

    // Most deliveries carry one event; unpacking nine one-element arrays costs the server several times a plain row.
    private static NpgsqlBatchCommand InsertOne(AccountTransactionRow row)
    {
        var command = new NpgsqlBatchCommand($"""
            insert into readmodels.account_transactions ({Columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.TenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.AccountId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Kind });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = row.Amount });
        command.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = row.BalanceAfter });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.TransferId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Counterparty ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.RecordedAt });
        return command;
    }

    private static NpgsqlBatchCommand InsertMany(IReadOnlyList<AccountTransactionRow> rows)
    {
        var command = new NpgsqlBatchCommand($"""
            insert into readmodels.account_transactions ({Columns})
            select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::text[], $9::timestamptz[])
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.TenantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.AccountId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.Kind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = rows.Select(r => r.Amount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = rows.Select(r => r.BalanceAfter).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(r => r.TransferId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(r => r.Counterparty).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = rows.Select(r => r.RecordedAt).ToArray() });
        return command;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
