using Npgsql;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Streams;

namespace OrleansCqrs.Banking.ReadModels.DailyTotals;

/// <summary>Totals per currency per day across every account, following the global log.</summary>
public sealed class DailyTotalsReadModel : ILogReadModel
{
    public const string ProjectionName = "daily-totals";

    public string Name => ProjectionName;

    public ProjectionFeed Feed => ProjectionFeed.GlobalLog;

    public IReadOnlyList<string> Tables => [DailyTotalsTables.Totals, DailyTotalsTables.Accounts];

    public string? NotYetReflected => null;

    public string? MergeLiveIntoShadow => null;

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken)
    {
        var accountKeys = events.Select(e => DailyTotalsProjection.MovementAccount(e) is { } account ? (e.TenantId, account) : default)
            .Where(k => k != default).Distinct().ToList();
        var currencies = accountKeys.Count == 0
            ? []
            : await DailyTotalsTables.LoadCurrenciesAsync(connection, "readmodels.daily_totals_accounts", accountKeys, cancellationToken);
        var opened = new Dictionary<(string, string), string>();
        var touched = new List<(ProjectedEvent Event, (string, DateOnly, string) Key)>();
        foreach (var @event in events)
        {
            if (DailyTotalsProjection.OpenedAccount(@event) is { } account)
            {
                currencies[(@event.TenantId, account.AccountId)] = opened[(@event.TenantId, account.AccountId)] = account.Currency;
            }
            else if (DailyTotalsProjection.MovementAccount(@event) is { } moved && currencies.TryGetValue((@event.TenantId, moved), out var currency))
            {
                touched.Add((@event, (@event.TenantId, DailyTotalsProjection.DayOf(@event), currency)));
            }
        }

        var rows = touched.Count == 0
            ? []
            : await DailyTotalsTables.LoadTotalsAsync(connection, "readmodels.daily_totals", touched.Select(t => t.Key).Distinct().ToList(), cancellationToken);
        var changed = new Dictionary<(string, DateOnly, string), DailyTotalsRow>();
        foreach (var (@event, key) in touched)
        {
            var row = rows.GetValueOrDefault(key) ?? DailyTotalsRow.Empty(key.Item1, key.Item2, key.Item3);
            rows[key] = changed[key] = DailyTotalsProjection.Apply(row, @event);
        }

        await DailyTotalsTables.UpsertAsync(connection, opened.Select(o => (o.Key, o.Value)), changed.Values, cancellationToken);
    }

    public IReadModelBuilder CreateBuilder() => new Builder();

    private sealed class Builder : IReadModelBuilder
    {
        private Dictionary<(string, string), string> _currencies = [];
        private Dictionary<(string, DateOnly, string), DailyTotalsRow> _totals = [];

        public void Apply(ProjectedEvent @event)
        {
            if (DailyTotalsProjection.OpenedAccount(@event) is { } account)
            {
                _currencies[(@event.TenantId, account.AccountId)] = account.Currency;
            }
            else if (DailyTotalsProjection.MovementAccount(@event) is { } moved && _currencies.TryGetValue((@event.TenantId, moved), out var currency))
            {
                var key = (@event.TenantId, DailyTotalsProjection.DayOf(@event), currency);
                _totals[key] = DailyTotalsProjection.Apply(_totals.GetValueOrDefault(key) ?? DailyTotalsRow.Empty(key.TenantId, key.Item2, currency), @event);
            }
        }

        public async Task LoadAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            _currencies = await DailyTotalsTables.LoadCurrenciesAsync(connection, table(DailyTotalsTables.Accounts), null, cancellationToken);
            _totals = await DailyTotalsTables.LoadTotalsAsync(connection, table(DailyTotalsTables.Totals), null, cancellationToken);
        }

        public async Task WriteAsync(NpgsqlConnection connection, Func<string, string> table, CancellationToken cancellationToken)
        {
            await using (var truncate = new NpgsqlCommand($"truncate {table(DailyTotalsTables.Totals)}, {table(DailyTotalsTables.Accounts)}", connection))
            {
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            }

            await DailyTotalsTables.CopyAsync(connection, table, _currencies, _totals.Values, cancellationToken);
        }
    }
}
