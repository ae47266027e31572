using Npgsql;
using NpgsqlTypes;

namespace OrleansCqrs.Banking.ReadModels.DailyTotals;

/// <summary>SQL of readmodels.daily_totals and readmodels.daily_totals_accounts.</summary>
internal static class DailyTotalsTables
{
    public const string Totals = "daily_totals";
    public const string Accounts = "daily_totals_accounts";

    public const string TotalsColumns = "tenant_id, day, currency, deposited, withdrawn, transferred, movements";

    public static DailyTotalsRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5), reader.GetInt64(6));

    public static async Task<Dictionary<(string, string), string>> LoadCurrenciesAsync(
        NpgsqlConnection connection, string table, IReadOnlyCollection<(string Tenant, string Account)>? keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            keys is null
                ? $"select tenant_id, account_id, currency from {table}"
                : $"select tenant_id, account_id, currency from {table} where (tenant_id, account_id) in (select * from unnest($1::text[], $2::text[]))",
            connection);
        if (keys is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Tenant).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Account).ToArray() });
        }

        var currencies = new Dictionary<(string, string), string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            currencies[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        return currencies;
    }

    public static async Task<Dictionary<(string, DateOnly, string), DailyTotalsRow>> LoadTotalsAsync(
        NpgsqlConnection connection, string table, IReadOnlyCollection<(string Tenant, DateOnly Day, string Currency)>? keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            keys is null
                ? $"select {TotalsColumns} from {table}"
                : $"select {TotalsColumns} from {table} where (tenant_id, day, currency) in (select * from unnest($1::text[], $2::date[], $3::text[]))",
            connection);
        if (keys is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Tenant).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = keys.Select(k => k.Day).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Currency).ToArray() });
        }

        var rows = new Dictionary<(string, DateOnly, string), DailyTotalsRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Read(reader);
            rows[(row.TenantId, row.Day, row.Currency)] = row;
        }

        return rows;
    }

    public static async Task UpsertAsync(
        NpgsqlConnection connection, IEnumerable<((string Tenant, string Account), string Currency)> currencies, IEnumerable<DailyTotalsRow> totals, CancellationToken cancellationToken)
    {
        var newAccounts = currencies.ToList();
        var changed = totals.ToList();
        await using var batch = new NpgsqlBatch(connection);
        if (newAccounts.Count > 0)
        {
            var accounts = new NpgsqlBatchCommand("""
                insert into readmodels.daily_totals_accounts (tenant_id, account_id, currency)
                select * from unnest($1::text[], $2::text[], $3::text[]) on conflict do nothing
                """);
            accounts.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = newAccounts.Select(a => a.Item1.Tenant).ToArray() });
            accounts.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = newAccounts.Select(a => a.Item1.Account).ToArray() });
            accounts.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = newAccounts.Select(a => a.Currency).ToArray() });
            batch.BatchCommands.Add(accounts);
        }

        if (changed.Count > 0)
        {
            var rows = new NpgsqlBatchCommand($"""
                insert into readmodels.daily_totals ({TotalsColumns})
                select * from unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::bigint[])
                on conflict (tenant_id, day, currency) do update set
                    deposited = excluded.deposited, withdrawn = excluded.withdrawn, transferred = excluded.transferred, movements = excluded.movements
                """);
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = changed.Select(r => r.TenantId).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = changed.Select(r => r.Day).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = changed.Select(r => r.Currency).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = changed.Select(r => r.Deposited).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = changed.Select(r => r.Withdrawn).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = changed.Select(r => r.Transferred).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = changed.Select(r => r.Movements).ToArray() });
            batch.BatchCommands.Add(rows);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task CopyAsync(
        NpgsqlConnection connection, Func<string, string> table, IEnumerable<KeyValuePair<(string, string), string>> currencies, IEnumerable<DailyTotalsRow> totals,
        CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {table(Accounts)} (tenant_id, account_id, currency) from stdin (format binary)", cancellationToken))
        {
            foreach (var ((tenant, account), currency) in currencies)
            {
                await copy.WriteRowAsync(cancellationToken, tenant, account, currency);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"copy {table(Totals)} ({TotalsColumns}) from stdin (format binary)", cancellationToken))
        {
            foreach (var row in totals)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.TenantId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Day, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(row.Currency, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Deposited, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(row.Withdrawn, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(row.Transferred, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(row.Movements, NpgsqlDbType.Bigint, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }
}
