using Npgsql;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.EventSourcing.Tests.Infrastructure;

/// <summary>Reading read-model tables whole, and waiting for the projections to catch up.</summary>
public static class ReadModelAssertions
{
    public static readonly string[] ReadModelTables =
        ["account_summary", "account_transactions", "customer_directory", "daily_totals", "daily_totals_accounts"];

    /// <summary>Every row of a table as text, in a stable order: two tables with equal dumps hold the same rows.</summary>
    public static async Task<List<string>> DumpAsync(TestDatabase database, string table)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select t::text from readmodels.{table} t order by 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public static async Task CaughtUpAsync(IGrainFactory grains, TimeSpan? timeout = null) =>
        await Poll.UntilAsync(async () =>
        {
            var statuses = await grains.GetGrain<IProjectionsGrain>(0).GetStatus();
            return statuses.Count > 0 && statuses.All(s => s.EventsBehind == 0);
        }, timeout ?? TimeSpan.FromSeconds(60), "every projection to catch up with the log");
}
