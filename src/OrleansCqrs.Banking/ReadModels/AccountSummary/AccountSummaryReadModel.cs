using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.AccountSummary;

/// <summary>Balance, status and last activity per account, fed per account by <see cref="AccountSummaryProjectionGrain"/>.</summary>
public sealed class AccountSummaryReadModel : IReadModel
{
    public const string ProjectionName = "account-summary";

    public string Name => ProjectionName;

    public ProjectionFeed Feed => ProjectionFeed.AggregateStream;

    public IReadOnlyList<string> Tables => [AccountSummaryTable.Name];

    public string NotYetReflected => """
        e.stream_id like 'account-%' and not exists (select 1 from readmodels.account_summary s
            where s.tenant_id = e.tenant_id and s.account_id = substr(e.stream_id, 9) and s.version >= e.stream_version)
        """;

    public string MergeLiveIntoShadow => $$"""
        insert into {shadow:account_summary} as s select * from {live:account_summary}
        on conflict (tenant_id, account_id) do update set
            customer_id = excluded.customer_id, currency = excluded.currency, balance = excluded.balance,
            overdraft_limit = excluded.overdraft_limit, status = excluded.status, last_activity = excluded.last_activity, version = excluded.version
        where s.version < excluded.version
        """;

    public IReadModelBuilder CreateBuilder() => new Builder();

    private sealed class Builder : IReadModelBuilder
    {
        private readonly Dictionary<(string, string), AccountSummaryRow> _rows = [];

        public void Apply(ProjectedEvent @event)
        {
            if (!@event.StreamId.StartsWith("account-", StringComparison.Ordinal))
            {
                return;
            }

            var key = (@event.TenantId, @event.StreamId[8..]);
            var row = _rows.GetValueOrDefault(key) ?? AccountSummaryRow.Empty(key.TenantId, key.Item2);
            _rows[key] = AccountSummaryProjection.Apply(row, @event);
        }

        public async Task LoadAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"select {AccountSummaryTable.Columns} from {table(AccountSummaryTable.Name)}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = AccountSummaryTable.Read(reader);
                _rows[(row.TenantId, row.AccountId)] = row;
            }
        }

        public async Task WriteAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            // Every row may have moved since the last chunk; there are far fewer rows than events, so write them all.
            await using (var truncate = new NpgsqlCommand($"truncate {table(AccountSummaryTable.Name)}", connection))
            {
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var copy = await connection.BeginBinaryImportAsync(
                $"copy {table(AccountSummaryTable.Name)} ({AccountSummaryTable.Columns}) from stdin (format binary)", cancellationToken);
            foreach (var row in _rows.Values)
            {
                await AccountSummaryTable.WriteAsync(copy, row, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }
}
