using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.CustomerDirectory;

/// <summary>Customers with name, email and accounts, following the global log (accounts and customers are different aggregates).</summary>
public sealed class CustomerDirectoryReadModel : ILogReadModel
{
    public const string ProjectionName = "customer-directory";

    public string Name => ProjectionName;

    public ProjectionFeed Feed => ProjectionFeed.GlobalLog;

    public IReadOnlyList<string> Tables => [CustomerDirectoryTable.Name];

    public string? NotYetReflected => null;

    public string? MergeLiveIntoShadow => null;

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken)
    {
        var keys = events.Select(e => CustomerDirectoryProjection.CustomerOf(e) is { } customer ? (e.TenantId, customer) : default)
            .Where(k => k != default).Distinct().ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var rows = await CustomerDirectoryTable.LoadAsync(connection, "readmodels.customer_directory", keys, cancellationToken);
        var changed = new Dictionary<(string, string), CustomerDirectoryRow>();
        foreach (var @event in events)
        {
            if (CustomerDirectoryProjection.CustomerOf(@event) is { } customer)
            {
                var key = (@event.TenantId, customer);
                var row = rows.GetValueOrDefault(key) ?? CustomerDirectoryRow.Empty(@event.TenantId, customer);
                rows[key] = changed[key] = CustomerDirectoryProjection.Apply(row, @event);
            }
        }

        await CustomerDirectoryTable.UpsertAsync(connection, changed.Values, cancellationToken);
    }

    public IReadModelBuilder CreateBuilder() => new Builder();

    private sealed class Builder : IReadModelBuilder
    {
        private Dictionary<(string, string), CustomerDirectoryRow> _rows = [];

        public void Apply(ProjectedEvent @event)
        {
            if (CustomerDirectoryProjection.CustomerOf(@event) is { } customer)
            {
                var key = (@event.TenantId, customer);
                _rows[key] = CustomerDirectoryProjection.Apply(_rows.GetValueOrDefault(key) ?? CustomerDirectoryRow.Empty(@event.TenantId, customer), @event);
            }
        }

        public async Task LoadAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken) =>
            _rows = await CustomerDirectoryTable.LoadAsync(connection, table(CustomerDirectoryTable.Name), null, cancellationToken);

        public async Task WriteAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            await using (var truncate = new NpgsqlCommand($"truncate {table(CustomerDirectoryTable.Name)}", connection))
            {
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            }

            await CustomerDirectoryTable.CopyAsync(connection, table(CustomerDirectoryTable.Name), _rows.Values, cancellationToken);
        }
    }
}
