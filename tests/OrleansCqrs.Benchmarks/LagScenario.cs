using System.Diagnostics;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
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
        var accounts = await OpenAsync(cluster.Client, writers);
        var projections = cluster.Client.GetGrain<IProjectionsGrain>(0);
        await WaitCaughtUpAsync(projections);

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
        await WaitCaughtUpAsync(projections);
        lagMs.Sort();
        lagEvents.Sort();
        Console.WriteLine(
            $"scenario=lag writers={writers} events={events} events_per_s={events / seconds:0} samples={lagMs.Count} " +
            $"lag_ms_p50={GrainCommandsScenario.Percentile(lagMs, 0.50):0} lag_ms_p95={GrainCommandsScenario.Percentile(lagMs, 0.95):0} " +
            $"lag_events_p95={GrainCommandsScenario.Percentile(lagEvents, 0.95):0} drain_ms={drain.Elapsed.TotalMilliseconds:0}");
    }

    private static async Task<IAccountGrain[]> OpenAsync(IClusterClient client, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await client.GetGrain<ICustomerGrain>($"lag-{run}").Register(new RegisterCustomer(Guid.NewGuid().ToString("N"), "Lag Bench", "lag@example.com"));
        var accounts = Enumerable.Range(0, count).Select(i => client.GetGrain<IAccountGrain>($"lag-{run}-{i}")).ToArray();
        foreach (var account in accounts)
        {
            await account.Open(new OpenAccount(Guid.NewGuid().ToString("N"), $"lag-{run}", "EUR"));
        }

        return accounts;
    }

    private static async Task WaitCaughtUpAsync(IProjectionsGrain projections)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        using var every50ms = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while ((await projections.GetStatus()).Any(s => s.EventsBehind > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The projections did not catch up within 5 minutes.");
            }

            await every50ms.WaitForNextTickAsync();
        }
    }
}
