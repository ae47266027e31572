using Npgsql;
using Orleans.Concurrency;
using OrleansCqrs.Banking.Queries;

namespace OrleansCqrs.Banking.ReadModels;

[StatelessWorker]
public sealed class BankingQueriesGrain(NpgsqlDataSource database) : Grain, IBankingQueriesGrain
{
    private const int MaxRows = 1000;

    public async Task<AccountView?> GetAccount(string tenantId, string accountId, int recentTransactions)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            "select account_id, customer_id, currency, balance, overdraft_limit, status, last_activity, version " +
            "from readmodels.account_summary where tenant_id = $1 and account_id = $2", tenantId, accountId));
        batch.BatchCommands.Add(Command(
            "select version, kind, amount, balance_after, transfer_id, counterparty, recorded_at from readmodels.account_transactions " +
            "where tenant_id = $1 and account_id = $2 order by version desc limit $3", tenantId, accountId, Math.Clamp(recentTransactions, 0, MaxRows)));
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var (id, customer, currency, balance, limit, status, lastActivity, version) = (
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3), reader.GetDecimal(4),
            reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7));
        await reader.NextResultAsync();
        var transactions = new List<AccountTransactionView>();
        while (await reader.ReadAsync())
        {
            transactions.Add(new AccountTransactionView(
                reader.GetInt64(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return new AccountView(id, customer, currency, balance, limit, status, lastActivity, version, transactions);
    }

    public async Task<IReadOnlyList<CustomerView>> ListCustomers(string tenantId, string? afterCustomerId, int limit)
    {
        await using var command = database.CreateCommand(
            "select customer_id, name, email, account_ids, registered_at from readmodels.customer_directory " +
            "where tenant_id = $1 and customer_id > $2 order by customer_id limit $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterCustomerId ?? "" });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Clamp(limit, 0, MaxRows) });
        await using var reader = await command.ExecuteReaderAsync();
        var customers = new List<CustomerView>();
        while (await reader.ReadAsync())
        {
            customers.Add(new CustomerView(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return customers;
    }

    public async Task<IReadOnlyList<DailyTotalsView>> GetDailyTotals(string tenantId, int days)
    {
        await using var command = database.CreateCommand(
            "select day, currency, deposited, withdrawn, transferred, movements from readmodels.daily_totals " +
            "where tenant_id = $1 and day > (now() at time zone 'utc')::date - $2 order by day desc, currency");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Clamp(days, 1, 3660) });
        await using var reader = await command.ExecuteReaderAsync();
        var totals = new List<DailyTotalsView>();
        while (await reader.ReadAsync())
        {
            totals.Add(new DailyTotalsView(
                reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetInt64(5)));
        }

        return totals;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public async Task<IReadOnlyList<UnfinishedTransferView>> ListUnfinishedTransfers(string tenantId, int limit)
    {
        await using var command = database.CreateCommand(
            $"select substr(stream_id, length('transfer-') + 1), version, last_step, last_activity from ({Transfers.UnfinishedTransfersSql.Streams}) t " +
            "where tenant_id = $1 order by last_activity limit $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Clamp(limit, 1, MaxRows) });
        await using var reader = await command.ExecuteReaderAsync();
        var unfinished = new List<UnfinishedTransferView>();
        while (await reader.ReadAsync())
        {
            unfinished.Add(new UnfinishedTransferView(reader.GetString(0), reader.GetString(2), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return unfinished;
    }
}
