using System.Diagnostics;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests.PlainGrains;

/// <summary>RaiseEvent without a condition during an outage: the waiting ConfirmEvents fails, and nothing is kept that was not stored.</summary>
[Collection(OutageClusterCollection.Name)]
public sealed class PlainGrainOutageTests(BankingCluster cluster)
{
    private static readonly TimeSpan Bound = BankingCluster.StoreTimeout + TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Unconfirmed_raises_during_an_outage_fail_their_confirm_and_are_not_kept()
    {
        var key = Bank.NewId("ctr");
        var counter = cluster.Grains.GetGrain<ICounterGrain>(key);
        await counter.Add(5);

        cluster.Proxy.GoDown();
        try
        {
            var clock = Stopwatch.StartNew();
            var confirmed = await Assert.ThrowsAnyAsync<AggregateStoreException>(() => counter.Add(10));
            Assert.True(clock.Elapsed < Bound, $"ConfirmEvents failed after {clock.Elapsed}, beyond {Bound}");
            Assert.Contains(confirmed.Code, new[] { "store_unavailable", "outcome_unknown" });

            // Raised now, confirmed later: the confirm reports the loss too.
            await counter.Raise(20);
            await Assert.ThrowsAnyAsync<AggregateStoreException>(() => counter.Confirm());
            Assert.Equal((5, 1, 0), await counter.Read());
            Assert.Equal(5, await counter.TentativeValue());
        }
        finally
        {
            cluster.Proxy.ComeBack();
        }

        await Poll.UntilAsync(async () =>
        {
            try
            {
                await counter.Add(1);
                return true;
            }
            catch (AggregateStoreException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "a raise to be confirmed after the outage");

        // What the grain holds is exactly what the store holds, in memory and after a reactivation.
        Assert.Equal(2, await cluster.Database.CountEventsAsync("default", $"counter-{key}"));
        Assert.Equal((6, 2, 0), await counter.Read());
        await cluster.DeactivateAllAsync();
        Assert.Equal((6, 2, 0), await counter.Read());
    }
}
