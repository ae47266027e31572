using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.AccountSummary;

// The grain type is the read model's name: parked events, metrics and operators' commands all say the same.
[GrainType(AccountSummaryReadModel.ProjectionName)]
[ImplicitStreamSubscription("account")]
public sealed class AccountSummaryProjectionGrain : AggregateProjectionGrain<AccountSummaryRow>
{
    protected override AccountSummaryRow Initial(string tenantId, string aggregateId) => AccountSummaryRow.Empty(tenantId, aggregateId);

    protected override long VersionOf(AccountSummaryRow state) => state.Version;

    protected override AccountSummaryRow Apply(AccountSummaryRow state, ProjectedEvent @event) => AccountSummaryProjection.Apply(state, @event);

    protected override async Task<AccountSummaryRow?> LoadAsync(string tenantId, string aggregateId)
    {
        await using var command = Database.CreateCommand(
            $"select {AccountSummaryTable.Columns} from readmodels.account_summary where tenant_id = $1 and account_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = aggregateId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? AccountSummaryTable.Read(reader) : null;
    }

    protected override IReadOnlyList<NpgsqlBatchCommand> SaveStatements(AccountSummaryRow before, AccountSummaryRow after, IReadOnlyList<ProjectedEvent> applied)
    {
        var upsert = new NpgsqlBatchCommand(string.Format(AccountSummaryTable.Upsert, "readmodels.account_summary"));
        AccountSummaryTable.AddParameters(upsert.Parameters, after);
        return [upsert];
    }
}
