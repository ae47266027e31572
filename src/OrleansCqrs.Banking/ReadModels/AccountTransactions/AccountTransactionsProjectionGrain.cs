using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Snapshots;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.AccountTransactions;

/// <summary>
/// Its running state (version, balance) is snapshotted: an activation starts from the snapshot and replays the
/// account's events after it, instead of reading the newest ledger row.
/// </summary>
// The grain type is the read model's name: parked events, metrics and operators' commands all say the same.
[GrainType(AccountTransactionsReadModel.ProjectionName)]
[ImplicitStreamSubscription("account")]
[SnapshotPolicy(Every = 100)]
public sealed class AccountTransactionsProjectionGrain : AggregateProjectionGrain<AccountLedgerState>
{
    protected override AccountLedgerState Initial(string tenantId, string aggregateId) => new(0, 0m);

    protected override long VersionOf(AccountLedgerState state) => state.Version;

    protected override AccountLedgerState Apply(AccountLedgerState state, ProjectedEvent @event) =>
        AccountTransactionsProjection.Apply(state, TenantId, AggregateId, @event).State;

    protected override async Task<AccountLedgerState?> LoadAsync(string tenantId, string aggregateId)
    {
        await using var command = Database.CreateCommand(
            "select version, balance_after from readmodels.account_transactions where tenant_id = $1 and account_id = $2 order by version desc limit 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = aggregateId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new AccountLedgerState(reader.GetInt64(0), reader.GetDecimal(1)) : null;
    }

    protected override IReadOnlyList<NpgsqlBatchCommand> SaveStatements(AccountLedgerState before, AccountLedgerState after, IReadOnlyList<ProjectedEvent> applied)
    {
        // The rows are the checkpoint: the newest row's version is where this account's ledger stands.
        var rows = new List<AccountTransactionRow>(applied.Count);
        var state = before;
        foreach (var @event in applied)
        {
            (state, var row) = AccountTransactionsProjection.Apply(state, TenantId, AggregateId, @event);
            rows.Add(row);
        }

        return [AccountTransactionsTable.Insert(rows)];
    }
}
