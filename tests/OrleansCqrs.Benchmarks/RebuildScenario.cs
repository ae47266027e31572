using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansCqrs.Banking;
using OrleansCqrs.Banking.ReadModels.AccountSummary;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventStore;
using OrleansCqrs.EventStore.Postgres;

namespace OrleansCqrs.Benchmarks;

/// <summary>Rebuilds the account-summary read model from a log of E events over S account streams (seeded when missing).</summary>
internal static class RebuildScenario
{
    private const string Tenant = "bench-rebuild";

    public static async Task RunAsync(BenchmarkDatabase database, BenchmarkOptions options)
    {
        var events = options.Int("events", 1_000_000);
        var streams = options.Int("streams", 10_000);
        var runs = options.Int("runs", 1);
        await using var dataSource = EventStoreDataSource.Create(database.ConnectionString);
        await using var store = new PostgresEventStore(dataSource, BankingEventTypes.Create());
        await SeedAsync(dataSource, store, events, streams);
        var logSize = await CountAsync(dataSource, "select count(*) from eventstore.events");
        var rebuilder = new ProjectionRebuilder(store, dataSource, Options.Create(new ProjectionOptions()));

        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            long applied = 0;
            await rebuilder.RunAsync(new AccountSummaryReadModel(), progress => applied = progress.EventsApplied, CancellationToken.None);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(
                $"scenario=rebuild events={applied} streams={streams} log_events={logSize} seconds={seconds:0.00} events_per_s={applied / seconds:0}");
        }
    }

    private static async Task SeedAsync(NpgsqlDataSource dataSource, IEventStore store, int events, int streams)
    {
        var perStream = events / streams;
        var existing = await CountAsync(dataSource, $"select count(*) from eventstore.events where tenant_id = '{Tenant}'");
        if (existing >= (long)perStream * streams)
        {
            return;
        }

        Console.Error.WriteLine($"seeding {perStream * streams:N0} events over {streams:N0} streams…");
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int stream;
            while ((stream = Interlocked.Increment(ref next)) <= streams)
            {
                var id = $"account-seed-{stream}";
                var current = (await store.ReadStreamAsync(Tenant, id, 1, 1, ReadDirection.Backwards)).Count;
                if (current > 0)
                {
                    continue; // seeded by an earlier, interrupted run
                }

                var batch = new List<NewEvent>(perStream) { new(new Banking.Accounts.AccountOpened("seed", "EUR", 0m)) };
                batch.AddRange(Enumerable.Range(1, perStream - 1).Select(i => new NewEvent(new Banking.Accounts.FundsDeposited(i % 100 + 1))));
                await store.AppendAsync(Tenant, id, ExpectedVersion.NoStream, batch);
            }
        }));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
