using Npgsql;
using NpgsqlTypes;

namespace OrleansCqrs.Banking.ReadModels.AccountSummary;

/// <summary>SQL of readmodels.account_summary.</summary>
internal static class AccountSummaryTable
{
    public const string Name = "account_summary";

    public const string Columns = "tenant_id, account_id, customer_id, currency, balance, overdraft_limit, status, last_activity, version";

    /// <summary>Format item 0: the table.</summary>
    public const string Upsert = $$"""
        insert into {0} as s ({{Columns}}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        on conflict (tenant_id, account_id) do update set
            customer_id = excluded.customer_id, currency = excluded.currency, balance = excluded.balance,
            overdraft_limit = excluded.overdraft_limit, status = excluded.status, last_activity = excluded.last_activity, version = excluded.version
        where s.version < excluded.version
        """;

    public static AccountSummaryRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4), reader.GetDecimal(5),
        reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetInt64(8));

    public static void AddParameters(NpgsqlParameterCollection parameters, AccountSummaryRow row)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.TenantId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.AccountId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.CustomerId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Currency });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = row.Balance });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = row.OverdraftLimit });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Status });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.LastActivity });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = row.Version });
    }

    public static async Task WriteAsync(NpgsqlBinaryImporter copy, AccountSummaryRow row, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(row.TenantId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.AccountId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.CustomerId, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.Currency, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.Balance, NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(row.OverdraftLimit, NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(row.Status, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.LastActivity, NpgsqlDbType.TimestampTz, cancellationToken);
        await copy.WriteAsync(row.Version, NpgsqlDbType.Bigint, cancellationToken);
    }
}
