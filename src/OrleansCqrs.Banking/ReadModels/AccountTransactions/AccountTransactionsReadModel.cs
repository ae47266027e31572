using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.AccountTransactions;

/// <summary>Every account event as a ledger line, fed per account by <see cref="AccountTransactionsProjectionGrain"/>.</summary>
public sealed class AccountTransactionsReadModel : IReadModel
{
    public const string ProjectionName = "account-transactions";

    public string Name => ProjectionName;

    public ProjectionFeed Feed => ProjectionFeed.AggregateStream;

    public IReadOnlyList<string> Tables => [AccountTransactionsTable.Name];

    public string NotYetReflected => """
        e.stream_id like 'account-%' and not exists (select 1 from readmodels.account_transactions t
            where t.tenant_id = e.tenant_id and t.account_id = substr(e.stream_id, 9) and t.version = e.stream_version)
        """;

    public string MergeLiveIntoShadow => "insert into {shadow:account_transactions} select * from {live:account_transactions} on conflict do nothing";

    public IReadModelBuilder CreateBuilder() => new Builder();

    private sealed class Builder : IReadModelBuilder
    {
        private readonly Dictionary<(string, string), AccountLedgerState> _accounts = [];
        private readonly List<AccountTransactionRow> _unwritten = [];

        public void Apply(ProjectedEvent @event)
        {
            if (!@event.StreamId.StartsWith("account-", StringComparison.Ordinal))
            {
                return;
            }

            var key = (@event.TenantId, @event.StreamId[8..]);
            var (state, row) = AccountTransactionsProjection.Apply(_accounts.GetValueOrDefault(key) ?? new AccountLedgerState(0, 0m), key.TenantId, key.Item2, @event);
            _accounts[key] = state;
            _unwritten.Add(row);
        }

        public async Task LoadAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                $"select distinct on (tenant_id, account_id) tenant_id, account_id, version, balance_after from {table(AccountTransactionsTable.Name)} " +
                "order by tenant_id, account_id, version desc",
                connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _accounts[(reader.GetString(0), reader.GetString(1))] = new AccountLedgerState(reader.GetInt64(2), reader.GetDecimal(3));
            }
        }

        public async Task WriteAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            await AccountTransactionsTable.CopyAsync(connection, table(AccountTransactionsTable.Name), _unwritten, cancellationToken);
            _unwritten.Clear();
        }
    }
}
