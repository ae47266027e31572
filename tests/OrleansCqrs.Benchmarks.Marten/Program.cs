using System.Diagnostics;
using JasperFx;
using JasperFx.Events;
using Marten;

// Marten 9.58 appending what `store-append` appends: N writers, each its own string-keyed stream,
// batches of B events with the expected version checked, correlation and causation ids recorded
// (our harness records a correlation id and a command id per event). Tuned as Marten advises:
// Quick append mode, No Reset On Close, lightweight sessions. Prints one scenario= line.
if (args.Length < 1 || Environment.GetEnvironmentVariable("ORLEANSCQRS_CONNECTION") is not { Length: > 0 } connection)
{
    Console.Error.WriteLine("usage: ORLEANSCQRS_CONNECTION=… dotnet run -c Release --project tests/OrleansCqrs.Benchmarks.Marten -- WRITERS BATCH [SECONDS]");
    return 2;
}

var writers = int.Parse(args[0]);
var batch = int.Parse(args[1]);
var seconds = args.Length > 2 ? int.Parse(args[2]) : 10;
await using var store = DocumentStore.For(options =>
{
    options.Connection(connection + ";No Reset On Close=true");
    options.DatabaseSchemaName = "marten_bench";
    options.Events.StreamIdentity = StreamIdentity.AsString;
    options.Events.AppendMode = EventAppendMode.Quick;
    options.Events.MetadataConfig.CorrelationIdEnabled = true;
    options.Events.MetadataConfig.CausationIdEnabled = true;
    options.AutoCreateSchemaObjects = AutoCreate.All;
});
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

var run = Guid.NewGuid().ToString("N")[..8];
await AppendAsync(run + "-warmup", TimeSpan.FromSeconds(5));
var stopwatch = Stopwatch.StartNew();
var events = await AppendAsync(run, TimeSpan.FromSeconds(seconds));
var elapsed = stopwatch.Elapsed.TotalSeconds;
Console.WriteLine($"scenario=marten_append writers={writers} batch={batch} events={events} seconds={elapsed:0.00} events_per_s={events / elapsed:0}");
return 0;

async Task<long> AppendAsync(string runId, TimeSpan duration)
{
    var clock = Stopwatch.StartNew();
    var total = 0L;
    await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
    {
        var stream = $"marten-{runId}-{writer}";
        var version = 0L;
        while (clock.Elapsed < duration)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = $"corr-{version}";
            session.CausationId = $"cmd-{writer}-{version}";
            var appended = Enumerable.Range(0, batch)
                .Select(i => (object)new FundsDeposited($"account-{writer}", 10.50m + i, "EUR", $"ref-{version}-{i}"))
                .ToArray();
            if (version == 0)
            {
                session.Events.StartStream(stream, appended);
            }
            else
            {
                session.Events.Append(stream, version + batch, appended);
            }

            await session.SaveChangesAsync();
            version += batch;
        }

        Interlocked.Add(ref total, version);
    })));
    return total;
}

public sealed record FundsDeposited(string AccountId, decimal Amount, string Currency, string Reference);
