using System.Diagnostics;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.Benchmarks;

/// <summary>
/// W writers send deposits through the cluster until E events are appended; meanwhile every read model's lag
/// (age of its oldest unreflected event, and how many) is sampled from the database.
/// </summary>
internal static class LagScenario
{
    public static async Task RunAsync(BenchmarkDatabase database, BenchmarkOptions options)
    {
        var writers = options.Int("writers", 4);
        var events = options.Int("events", 10_000);
        var sampleMs = options.Int("sample-ms", 25);
        await using var cluster = await BenchmarkCluster.StartAsync(database.ConnectionString);
        var accounts = await BenchmarkAccounts.OpenAsync(cluster.Client, "lag", writers);
        var projections = cluster.Client.GetGrain<IProjectionsGrain>(0);
        await BenchmarkReadModels.WaitCaughtUpAsync(projections);

        var remaining = events;
        var clock = Stopwatch.StartNew();
        var writing = Task.WhenAll(accounts.Select(async account =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await account.Deposit(new DepositFunds(Guid.NewGuid().ToString("N"), 1m));
            }
        }));

        var lagMs = new List<double>();
        var lagEvents = new List<double>();
        while (!writing.IsCompleted)
        {
            var statuses = await projections.GetStatus();
            lagMs.Add(statuses.Max(s => s.SecondsBehind) * 1000);
            lagEvents.Add(statuses.Max(s => s.EventsBehind));
            await Task.WhenAny(writing, Task.Delay(sampleMs));
        }

        await writing;
        var seconds = clock.Elapsed.TotalSeconds;
        var drain = Stopwatch.StartNew();
        await BenchmarkReadModels.WaitCaughtUpAsync(projections);
        lagMs.Sort();
        lagEvents.Sort();
        Console.WriteLine(
            $"scenario=lag writers={writers} events={events} events_per_s={events / seconds:0} samples={lagMs.Count} " +
            $"lag_ms_p50={GrainCommandsScenario.Percentile(lagMs, 0.50):0} lag_ms_p95={GrainCommandsScenario.Percentile(lagMs, 0.95):0} " +
            $"lag_events_p95={GrainCommandsScenario.Percentile(lagEvents, 0.95):0} drain_ms={drain.Elapsed.TotalMilliseconds:0}");
    }
}
