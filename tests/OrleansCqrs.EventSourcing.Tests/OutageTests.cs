using System.Diagnostics;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

/// <summary>Its own cluster: an outage would fail the other tests' commands.</summary>
[CollectionDefinition(Name)]
public sealed class OutageClusterCollection : ICollectionFixture<BankingCluster>
{
    public const string Name = "outage cluster";
}

[Collection(OutageClusterCollection.Name)]
public sealed class OutageTests(BankingCluster cluster)
{
    private static readonly TimeSpan Bound = BankingCluster.StoreTimeout + TimeSpan.FromSeconds(5);

    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task Store_outage_fails_commands_within_the_bound_and_the_grain_recovers_on_its_own()
    {
        var id = await _bank.OpenAccountAsync(deposit: 100m);
        var account = _bank.Account(id);
        var acknowledged = new List<DepositFunds>();

        cluster.Proxy.GoDown();
        try
        {
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAnyAsync<AggregateStoreException>(() => account.Deposit(new DepositFunds(Bank.CommandId(), 1m)));
            clock.Stop();

            Assert.Contains(error.Code, new[] { "store_unavailable", "outcome_unknown" });
            Assert.True(clock.Elapsed < Bound, $"the command failed after {clock.Elapsed}, beyond {Bound}");

            // An aggregate that activates during the outage fails its commands the same way.
            var other = _bank.Account(Bank.NewId("acc"));
            await Assert.ThrowsAnyAsync<AggregateStoreException>(() => other.Deposit(new DepositFunds(Bank.CommandId(), 1m)));
        }
        finally
        {
            cluster.Proxy.ComeBack();
        }

        // Recovers without a restart: poll until a command goes through, then keep going.
        await Poll.UntilAsync(async () =>
        {
            try
            {
                var command = new DepositFunds(Bank.CommandId(), 1m);
                if ((await account.Deposit(command)).Accepted)
                {
                    acknowledged.Add(command);
                    return true;
                }
            }
            catch (AggregateStoreException)
            {
            }

            return false;
        }, TimeSpan.FromSeconds(60), "a command to succeed after the outage");
        for (var i = 0; i < 5; i++)
        {
            var command = new DepositFunds(Bank.CommandId(), 1m);
            Assert.True((await account.Deposit(command)).Accepted);
            acknowledged.Add(command);
        }

        // Whatever the failed command did, every acknowledged one is stored exactly once.
        await using var store = cluster.Database.CreateStore(Banking.BankingEventTypes.Create());
        var stored = await store.ReadStreamAsync("default", $"account-{id}", 1, 1000);
        foreach (var command in acknowledged)
        {
            Assert.Single(stored, e => e.Metadata.CommandId == command.CommandId);
        }

        await cluster.DeactivateAllAsync();
        var reloaded = await account.GetDetails();
        Assert.Equal(stored.Count, reloaded.Version);
        Assert.Equal(100m + stored.Count(e => e.Data is FundsDeposited) - 1, reloaded.Balance);

        // The read models recover on their own too, and hold every stored event exactly once.
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains, TimeSpan.FromSeconds(60));
        var summary = await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).GetAccount("default", id, 0);
        Assert.Equal((reloaded.Balance, (long)stored.Count), (summary!.Balance, summary.Version));
        var ledger = await Sql.ColumnAsync<long>(cluster.Database.OwnerConnectionString,
            "select version from readmodels.account_transactions where account_id = $1 order by version", id);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), ledger);
    }
}
