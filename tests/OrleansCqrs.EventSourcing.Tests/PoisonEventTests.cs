using Orleans.TestingHost;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Queries;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;
using OrleansCqrs.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansCqrs.EventSourcing.Tests;

/// <summary>An event of a type nobody registered (a newer or faulty writer) is parked; every other stream flows on.</summary>
[Collection(BankingClusterCollection.Name)]
public sealed class PoisonEventTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    /// <summary>A type this silo will only learn about once it is "deployed" (registered) during the test.</summary>
    public sealed record AuditNoted(string Note);

    [Fact]
    public async Task A_poison_event_holds_only_its_stream_and_retry_after_registering_its_type_releases_it()
    {
        var poisoned = await _bank.OpenAccountAsync(deposit: 10m);   // versions 1, 2
        var eventType = "audit-noted-" + Guid.NewGuid().ToString("N")[..8];
        var writer = Banking.BankingEventTypes.Create().Register<AuditNoted>(eventType);
        await using (var newerWriter = cluster.Database.CreateStore(writer))
        {
            // The newer writer's own event, then one every silo knows: it must wait behind the first.
            await newerWriter.AppendAsync("default", $"account-{poisoned}", ExpectedVersion.Exactly(2),
                [new NewEvent(new AuditNoted("from a newer writer")), new NewEvent(new FundsDeposited(5m))]);
        }

        // 100 healthy streams keep flowing around it.
        var healthy = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            healthy.Add(await _bank.OpenAccountAsync(deposit: 7m));
        }

        var queries = cluster.Grains.GetGrain<IBankingQueriesGrain>(0);
        var projections = cluster.Grains.GetGrain<IProjectionsGrain>(0);
        await Poll.UntilAsync(async () =>
        {
            foreach (var id in healthy)
            {
                if (await queries.GetAccount("default", id, 5) is not { Version: 2, Balance: 7m })
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(60), "every healthy account to be projected");

        // The poisoned stream is held at the version before the poison event, in both per-account read models.
        await Poll.UntilAsync(async () =>
            (await projections.GetParked(null)).Count(p => p.StreamId == $"account-{poisoned}" && p.Projection.StartsWith("account-")) >= 2,
            TimeSpan.FromSeconds(30), "the poison event to be parked by the per-account read models");
        var all = await projections.GetParked(null);
        var parked = Assert.Single(all, p => p.StreamId == $"account-{poisoned}" && p.Projection == "account-summary");
        Assert.Equal((3L, eventType, "parked"), (parked.StreamVersion, parked.EventType, parked.Status));
        Assert.Contains("not registered", parked.Error);
        Assert.Equal(2, (await queries.GetAccount("default", poisoned, 5))!.Version);
        var status = (await projections.GetStatus()).Single(s => s.Name == "account-summary");
        Assert.True(status.Parked >= 1);

        // Log-fed read models parked it too and went on (documented): the directory still lists new customers.
        await Poll.UntilAsync(async () => (await projections.GetParked("daily-totals")).Any(p => p.StreamId == $"account-{poisoned}"),
            TimeSpan.FromSeconds(30), "the log-fed read model to park it");

        // Nothing changes on a retry while the type is still unknown.
        Assert.Contains(await projections.RetryParked("account-summary"), p => p.StreamId == $"account-{poisoned}");
        Assert.Equal(2, (await queries.GetAccount("default", poisoned, 5))!.Version);

        // The fix is deployed (the type registered on every silo), then retried: the stream catches up whole.
        foreach (var silo in cluster.Cluster.Silos.Cast<InProcessSiloHandle>())
        {
            silo.SiloHost.Services.GetRequiredService<EventTypeRegistry>().Register<AuditNoted>(eventType);
        }

        var stillParked = await projections.RetryParked("account-summary");
        Assert.DoesNotContain(stillParked, p => p.StreamId == $"account-{poisoned}");
        var account = await queries.GetAccount("default", poisoned, 10);
        Assert.Equal((4L, 15m), (account!.Version, account.Balance));
        var ledger = await Sql.ColumnAsync<long>(cluster.Database.OwnerConnectionString,
            "select version from readmodels.account_transactions where account_id = $1 order by version", poisoned);
        await Poll.UntilAsync(async () => (await projections.GetParked("account-transactions")).All(p => p.StreamId != $"account-{poisoned}")
            || (await projections.RetryParked("account-transactions")).All(p => p.StreamId != $"account-{poisoned}"),
            TimeSpan.FromSeconds(30), "the ledger to release the stream");
        ledger = await Sql.ColumnAsync<long>(cluster.Database.OwnerConnectionString,
            "select version from readmodels.account_transactions where account_id = $1 order by version", poisoned);
        Assert.Equal([1L, 2L, 3L, 4L], ledger);
        Assert.DoesNotContain(await projections.RetryParked("daily-totals"), p => p.StreamId == $"account-{poisoned}");
    }

    [Fact]
    public async Task Skip_records_the_decision_and_releases_the_stream_behind_it()
    {
        var poisoned = await _bank.OpenAccountAsync(deposit: 10m);
        var unknownWriter = Banking.BankingEventTypes.Create().Register<AuditNoted>("audit-noted-never-registered");
        await using (var newerWriter = cluster.Database.CreateStore(unknownWriter))
        {
            await newerWriter.AppendAsync("default", $"account-{poisoned}", ExpectedVersion.Exactly(2),
                [new NewEvent(new AuditNoted("x")), new NewEvent(new FundsDeposited(5m))]);
        }
        var projections = cluster.Grains.GetGrain<IProjectionsGrain>(0);
        await Poll.UntilAsync(async () => (await projections.GetParked("account-summary")).Any(p => p.StreamId == $"account-{poisoned}"),
            TimeSpan.FromSeconds(30), "the poison event to be parked");

        Assert.True(await projections.SkipParked("account-summary", "default", $"account-{poisoned}", 3));
        var queries = cluster.Grains.GetGrain<IBankingQueriesGrain>(0);
        var view = await queries.GetAccount("default", poisoned, 5);
        Assert.Equal((4L, 15m), (view!.Version, view.Balance));
        var decision = (await projections.GetParked("account-summary")).Single(p => p.StreamId == $"account-{poisoned}");
        Assert.Equal("skipped", decision.Status);
        Assert.False(await projections.SkipParked("account-summary", "default", $"account-{poisoned}", 99));

        // The aggregate cannot load its stream, and says so; its history shows the event as stored.
        var unreadable = await Assert.ThrowsAsync<AggregateLoadException>(() => _bank.Account(poisoned).Deposit(new DepositFunds(Bank.CommandId(), 1m)));
        Assert.Contains("audit-noted-never-registered", unreadable.Message);
        var history = await _bank.Account(poisoned).GetHistory(1, 10);
        Assert.Equal(("audit-noted-never-registered", "{\"note\":\"x\"}"), (history[2].EventType, history[2].Data));
    }
}
