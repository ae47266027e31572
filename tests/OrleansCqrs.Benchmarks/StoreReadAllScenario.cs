using System.Diagnostics;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.Benchmarks;

/// <summary>Reads the whole global log page by page, as a projection rebuild would, into typed events.</summary>
internal static class StoreReadAllScenario
{
    public static async Task RunAsync(BenchmarkDatabase database, BenchmarkOptions options)
    {
        var wanted = options.Int("events", 1_000_000);
        var page = options.Int("page", 5000);
        var warmup = options.Int("warmup", 3);
        await using var store = database.CreateStore();

        await SeedAsync(store, wanted);

        var warmupClock = Stopwatch.StartNew();
        var checkpoint = GlobalPosition.Start;
        while (warmupClock.Elapsed < TimeSpan.FromSeconds(warmup))
        {
            var events = await store.ReadAllAsync(checkpoint, page);
            checkpoint = events.Count == 0 ? GlobalPosition.Start : events[^1].Position;
        }

        var stopwatch = Stopwatch.StartNew();
        var read = 0L;
        checkpoint = GlobalPosition.Start;
        while (read < wanted)
        {
            var events = await store.ReadAllAsync(checkpoint, page);
            if (events.Count == 0)
            {
                break;
            }

            read += events.Count;
            checkpoint = events[^1].Position;
        }

        var elapsed = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"scenario=store_read_all events={read} page={page} seconds={elapsed:0.00} events_per_s={read / elapsed:0}");
    }

    private static async Task SeedAsync(IEventStore store, int wanted)
    {
        var existing = await CountAsync(store, wanted);
        if (existing >= wanted)
        {
            return;
        }

        Console.Error.WriteLine($"seeding {wanted - existing} events…");
        var missing = wanted - existing;
        const int batch = 1000;
        var run = Guid.NewGuid().ToString("N")[..8];
        var next = 0L;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var version = 0L;
            while (Interlocked.Add(ref next, batch) - batch < missing)
            {
                var result = await store.AppendAsync("bench", $"seed-{run}-{writer}", ExpectedVersion.Exactly(version), BenchmarkEvents.Batch(batch, writer, version));
                version = result.StreamVersion;
            }
        })));
    }

    private static async Task<long> CountAsync(IEventStore store, int upTo)
    {
        var count = 0L;
        var checkpoint = GlobalPosition.Start;
        while (count < upTo)
        {
            var events = await store.ReadAllAsync(checkpoint, 10_000);
            if (events.Count == 0)
            {
                break;
            }

            count += events.Count;
            checkpoint = events[^1].Position;
        }

        return count;
    }
}
