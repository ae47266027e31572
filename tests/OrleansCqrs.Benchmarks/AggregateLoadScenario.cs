using System.Diagnostics;
using OrleansCqrs.Banking;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.Benchmarks;

/// <summary>Activation of an account with an E-event history, with or without snapshots: the median over several activations.</summary>
internal static class AggregateLoadScenario
{
    public static async Task RunAsync(BenchmarkDatabase database, BenchmarkOptions options)
    {
        var events = options.Int("events", 10_000);
        var activations = options.Int("activations", 25);
        var warmup = options.Int("warmup", 5);
        var snapshots = options.Flag("snapshots", false);
        var accountId = $"load-{events}-{Guid.NewGuid():N}"[..30];
        await SeedAsync(database, accountId, events);
        // Without read models: projecting the seeded history would compete with the activations measured.
        await using var cluster = await BenchmarkCluster.StartAsync(database.ConnectionString, readModels: false, snapshots: snapshotOptions =>
        {
            if (!snapshots)
            {
                snapshotOptions.Every = 0;
                snapshotOptions.ReplayBudgetEvents = int.MaxValue;
                snapshotOptions.ReplayBudgetTime = TimeSpan.MaxValue;
            }
        });
        var account = cluster.Client.GetGrain<IAccountGrain>(accountId);

        var timings = new List<double>();
        for (var i = 0; i < warmup + activations; i++)
        {
            await cluster.DeactivateAllAsync();
            var started = Stopwatch.GetTimestamp();
            var details = await account.GetDetails();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (details.Version != events)
            {
                throw new InvalidOperationException($"Loaded version {details.Version}, expected {events}.");
            }

            if (i >= warmup)
            {
                timings.Add(elapsed);
            }
        }

        timings.Sort();
        Console.WriteLine(
            $"scenario=aggregate_load events={events} snapshots={(snapshots ? "on" : "off")} activations={activations} median_ms={timings[timings.Count / 2]:0.00} " +
            $"min_ms={timings[0]:0.00} max_ms={timings[^1]:0.00}");
    }

    private static async Task SeedAsync(BenchmarkDatabase database, string accountId, int events)
    {
        await using var store = EventStore.Postgres.PostgresEventStore.Create(database.ConnectionString, BankingEventTypes.Create());
        var stream = $"account-{accountId}";
        await store.AppendAsync("default", stream, ExpectedVersion.NoStream, [new NewEvent(new AccountOpened("bench", "EUR", 0m))]);
        var version = 1L;
        while (version < events)
        {
            var batch = Enumerable.Range(0, (int)Math.Min(1000, events - version))
                .Select(_ => new NewEvent(new Banking.Accounts.FundsDeposited(1m), new EventMetadata(CommandId: Guid.NewGuid().ToString("N"))))
                .ToList();
            version = (await store.AppendAsync("default", stream, ExpectedVersion.Exactly(version), batch)).StreamVersion;
        }
    }
}
