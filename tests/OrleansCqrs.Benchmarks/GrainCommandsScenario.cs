using System.Diagnostics;
using OrleansCqrs.Banking.Accounts;

namespace OrleansCqrs.Benchmarks;

/// <summary>N concurrent callers, each depositing into its own account through the cluster client: one event per command.</summary>
internal static class GrainCommandsScenario
{
    public static async Task RunAsync(BenchmarkDatabase database, BenchmarkOptions options)
    {
        var clients = options.Int("clients", 64);
        var seconds = options.Int("seconds", 10);
        var warmup = options.Int("warmup", 5);
        var readModels = options.Flag("read-models", false);
        await using var cluster = await BenchmarkCluster.StartAsync(database.ConnectionString, readModels);
        var accounts = await BenchmarkAccounts.OpenAsync(cluster.Client, "bench", clients);

        await RunCallersAsync(accounts, TimeSpan.FromSeconds(warmup));
        var stopwatch = Stopwatch.StartNew();
        var latencies = await RunCallersAsync(accounts, TimeSpan.FromSeconds(seconds));
        var elapsed = stopwatch.Elapsed.TotalSeconds;

        var (behindAtEnd, drainSeconds) = readModels ? await DrainAsync(cluster.Client) : (0L, 0d);

        latencies.Sort();
        Console.WriteLine(
            $"scenario=grain_commands clients={clients} read_models={(readModels ? "on" : "off")} events={latencies.Count} seconds={elapsed:0.00} events_per_s={latencies.Count / elapsed:0} " +
            $"p50_ms={Percentile(latencies, 0.50):0.00} p99_ms={Percentile(latencies, 0.99):0.00}" +
            (readModels ? $" read_models_behind_at_end={behindAtEnd} drain_s={drainSeconds:0.00}" : ""));
    }

    /// <summary>
    /// Commands per second mean little if the read models fall ever further behind: how many events the slowest
    /// read model lacked when the callers stopped, and how long it took to catch up.
    /// </summary>
    private static async Task<(long BehindAtEnd, double DrainSeconds)> DrainAsync(IClusterClient client)
    {
        var projections = client.GetGrain<EventSourcing.Projections.IProjectionsGrain>(0);
        var stopwatch = Stopwatch.StartNew();
        var behindAtEnd = (await projections.GetStatus()).Max(s => s.EventsBehind);
        await BenchmarkReadModels.WaitCaughtUpAsync(projections);
        return (behindAtEnd, stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task<List<double>> RunCallersAsync(IAccountGrain[] accounts, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perCaller = await Task.WhenAll(accounts.Select(async account =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await account.Deposit(new DepositFunds(Guid.NewGuid().ToString("N"), 1m));
                if (!result.Accepted)
                {
                    throw new InvalidOperationException($"A benchmark deposit was refused: {result.Error}");
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }));
        return perCaller.SelectMany(l => l).ToList();
    }

    public static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(quantile * sorted.Count))];
}
