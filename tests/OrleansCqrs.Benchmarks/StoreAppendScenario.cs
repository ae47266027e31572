using System.Diagnostics;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.Benchmarks;

/// <summary>N writers, each appending batches of B events to its own stream with an exact expected version.</summary>
internal static class StoreAppendScenario
{
    public static async Task RunAsync(BenchmarkDatabase database, BenchmarkOptions options)
    {
        var writers = options.Int("writers", 16);
        var batch = options.Int("batch", 1);
        var seconds = options.Int("seconds", 10);
        var warmup = options.Int("warmup", 5);
        var groupCommit = options.Flag("group-commit", true);
        var groups = options.Int("groups", new EventStoreOptions().MaxConcurrentGroups);
        var withKeys = options.Flag("idempotency-keys", false);
        await using var store = database.CreateStore(new EventStoreOptions { GroupCommit = groupCommit, MaxConcurrentGroups = groups });
        var run = Guid.NewGuid().ToString("N")[..8];

        await RunWritersAsync(store, run + "-warmup", writers, batch, withKeys, TimeSpan.FromSeconds(warmup));
        var stopwatch = Stopwatch.StartNew();
        var events = await RunWritersAsync(store, run, writers, batch, withKeys, TimeSpan.FromSeconds(seconds));
        var elapsed = stopwatch.Elapsed.TotalSeconds;

        Console.WriteLine(
            $"scenario=store_append writers={writers} batch={batch} group_commit={(groupCommit ? "on" : "off")} groups={groups} idempotency_keys={(withKeys ? "on" : "off")} " +
            $"events={events} seconds={elapsed:0.00} events_per_s={events / elapsed:0}");
    }

    private static async Task<long> RunWritersAsync(IEventStore store, string run, int writers, int batch, bool withKeys, TimeSpan duration)
    {
        var deadline = Stopwatch.StartNew();
        var total = 0L;

        async Task Write(int writer)
        {
            var stream = $"bench-{run}-{writer}";
            var version = 0L;
            while (deadline.Elapsed < duration)
            {
                var key = withKeys ? $"cmd-{version}" : null;
                var result = await store.AppendAsync("bench", stream, ExpectedVersion.Exactly(version), BenchmarkEvents.Batch(batch, writer, version), key);
                version = result.StreamVersion;
            }

            Interlocked.Add(ref total, version);
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() => Write(writer))));
        return total;
    }
}
