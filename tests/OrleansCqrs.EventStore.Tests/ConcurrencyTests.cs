using System.Collections.Concurrent;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class ConcurrencyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Sixteen_appenders_on_one_stream_with_exact_versions_win_each_version_once_without_gaps()
    {
        const string tenant = "tenant-a";
        const string stream = "account-contended";
        const int appenders = 16;
        const int appendsEach = 10;
        // Four stores stand for four processes: requests meet both inside one group commit and
        // across transactions.
        var stores = Enumerable.Range(0, 4).Select(_ => database.CreateStore()).ToArray();
        var wins = new ConcurrentBag<(long Version, Guid EventId)>();
        var conflicts = 0;

        async Task AppendUntilDone(int appender)
        {
            var store = stores[appender % stores.Length];
            for (var done = 0; done < appendsEach;)
            {
                var last = await store.ReadStreamAsync(tenant, stream, StreamVersion.End, 1, ReadDirection.Backwards);
                var current = last.Count == 0 ? 0 : last[0].StreamVersion;
                var eventId = Guid.NewGuid();
                try
                {
                    var result = await store.AppendAsync(
                        tenant, stream, ExpectedVersion.Exactly(current), [new NewEvent(new FundsDeposited($"appender-{appender}", done), EventId: eventId)]);
                    Assert.Equal(current + 1, result.StreamVersion);
                    wins.Add((result.StreamVersion, eventId));
                    done++;
                }
                catch (WrongExpectedVersionException conflict)
                {
                    Assert.True(conflict.ActualVersion > current, "a conflict must report a version past the one expected");
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, appenders).Select(AppendUntilDone));

        const int total = appenders * appendsEach;
        Assert.Equal(total, wins.Count);
        Assert.Equal(Enumerable.Range(1, total).Select(v => (long)v), wins.Select(w => w.Version).Order());
        Assert.True(conflicts > 0, "sixteen writers on one stream must have collided at least once");

        var stored = await stores[0].ReadStreamAsync(tenant, stream, StreamVersion.First, total + 10);
        Assert.Equal(Enumerable.Range(1, total).Select(v => (long)v), stored.Select(e => e.StreamVersion));
        Assert.Equal(
            wins.OrderBy(w => w.Version).Select(w => w.EventId),
            stored.Select(e => e.EventId));
    }
}
