using System.Collections.Concurrent;
using OrleansCqrs.EventStore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansCqrs.EventStore.Tests;

public sealed class GlobalLogTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => database.ExecuteAsOwnerAsync("""
        create or replace function public.hold_slow_event() returns trigger language plpgsql as $$
        begin
            perform pg_sleep((new.data->>'sleepMs')::int / 1000.0);
            return new;
        end
        $$;
        create or replace trigger hold_slow_event after insert on eventstore.events
            for each row when (new.event_type = 'slow-event-recorded') execute function public.hold_slow_event();
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Event_committed_late_with_a_lower_position_is_not_skipped()
    {
        var slowStore = database.CreateStore();
        var fastStore = database.CreateStore();
        var reader = database.CreateStore();
        var start = await HeadAsync(reader);
        var allocatedBefore = await LastAllocatedPositionAsync();

        var slow = slowStore.AppendAsync("tenant-a", "late-slow", ExpectedVersion.NoStream, [new NewEvent(new SlowEventRecorded(5000))]);
        await Poll.UntilAsync(async () => await LastAllocatedPositionAsync() > allocatedBefore, TimeSpan.FromSeconds(10), "the slow append to take its position");
        var fast = await fastStore.AppendAsync("tenant-a", "late-fast", ExpectedVersion.NoStream, [TestEvents.Deposit()]);

        // The hazard is real: by position alone the fast event is visible past the open slow one.
        var naive = await CommittedPositionsAfterAsync(allocatedBefore);
        Assert.Equal([fast.Positions[0].Position], naive);
        Assert.True(fast.Positions[0].Position > allocatedBefore + 1);

        var whileOpen = await reader.ReadAllAsync(start, 100);
        Assert.False(slow.IsCompleted, "the slow transaction must still be open while the log is read");
        Assert.Empty(whileOpen);

        var slowResult = await slow;
        var afterCommit = await reader.ReadAllAsync(start, 100);
        Assert.Equal([slowResult.Positions[0], fast.Positions[0]], afterCommit.Select(e => e.Position));
        Assert.True(slowResult.Positions[0].Position < fast.Positions[0].Position);
    }

    [Fact]
    public async Task Followers_see_every_event_exactly_once_and_in_one_order_while_appenders_hold_transactions_open()
    {
        const int appenders = 8;
        const int appendsEach = 25;
        var stores = Enumerable.Range(0, 4).Select(_ => database.CreateStore()).ToArray();
        var start = await HeadAsync(stores[0]);
        var appended = new ConcurrentDictionary<Guid, bool>();
        var appendersDone = new TaskCompletionSource();

        async Task Append(int appender)
        {
            var random = new Random(appender);
            var store = stores[appender % stores.Length];
            for (var i = 0; i < appendsEach; i++)
            {
                var eventId = Guid.NewGuid();
                object data = random.Next(3) == 0 ? new SlowEventRecorded(random.Next(5, 80)) : new FundsDeposited($"appender-{appender}", i);
                await store.AppendAsync("tenant-a", $"follow-{appender}", i == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(i), [new NewEvent(data, EventId: eventId)]);
                appended[eventId] = true;
            }
        }

        async Task<List<RecordedEvent>> Follow(int pageSize)
        {
            var reader = database.CreateStore();
            var seen = new List<RecordedEvent>();
            var checkpoint = start;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!(appendersDone.Task.IsCompleted && seen.Count >= appenders * appendsEach))
            {
                Assert.True(DateTime.UtcNow < deadline, $"follower with page size {pageSize} saw {seen.Count} events before the deadline");
                var page = await reader.ReadAllAsync(checkpoint, pageSize);
                seen.AddRange(page);
                if (page.Count > 0)
                {
                    checkpoint = page[^1].Position;
                }
                else if (!appendersDone.Task.IsCompleted)
                {
                    // Caught up with what is visible: wait until more becomes visible or the appenders finish.
                    var from = checkpoint;
                    await Poll.UntilAsync(
                        async () => appendersDone.Task.IsCompleted || (await reader.ReadAllAsync(from, 1)).Count > 0,
                        deadline - DateTime.UtcNow,
                        $"more events for the follower with page size {pageSize}");
                }
            }

            return seen;
        }

        async Task<int> FollowByPositionOnly()
        {
            long last = await LastCommittedPositionAsync();
            var seen = 0;
            while (!appendersDone.Task.IsCompleted)
            {
                var positions = await CommittedPositionsAfterAsync(last);
                seen += positions.Count;
                if (positions.Count > 0)
                {
                    last = positions[^1];
                }
            }

            return seen + (await CommittedPositionsAfterAsync(last)).Count;
        }

        var followers = new[] { 1, 13, 500 }.Select(Follow).ToArray();
        var naive = FollowByPositionOnly();
        await Task.WhenAll(Enumerable.Range(0, appenders).Select(Append));
        appendersDone.SetResult();
        var seenByFollowers = await Task.WhenAll(followers);

        foreach (var seen in seenByFollowers)
        {
            Assert.Equal(appenders * appendsEach, seen.Count);
            Assert.Equal(appended.Keys.Order(), seen.Select(e => e.EventId).Order());
            Assert.Equal(seenByFollowers[0].Select(e => e.EventId), seen.Select(e => e.EventId));
            foreach (var stream in seen.GroupBy(e => e.StreamId))
            {
                Assert.Equal(Enumerable.Range(1, appendsEach).Select(v => (long)v), stream.Select(e => e.StreamVersion));
            }
        }

        var naiveSeen = await naive;
        output.WriteLine($"A reader checkpointing by position alone saw {naiveSeen} of {appenders * appendsEach} events.");
    }

    private static async Task<GlobalPosition> HeadAsync(IEventStore store)
    {
        var head = GlobalPosition.Start;
        while (true)
        {
            var page = await store.ReadAllAsync(head, 1000);
            if (page.Count == 0)
            {
                return head;
            }

            head = page[^1].Position;
        }
    }

    private Task<long> LastAllocatedPositionAsync() => Sql.ScalarAsync<long>(
        database.OwnerConnectionString, "select coalesce(pg_sequence_last_value('eventstore.events_global_position_seq'), 0)");

    private Task<long> LastCommittedPositionAsync() => Sql.ScalarAsync<long>(
        database.OwnerConnectionString, "select coalesce(max(global_position), 0) from eventstore.events");

    private Task<List<long>> CommittedPositionsAfterAsync(long position) => Sql.ColumnAsync<long>(
        database.OwnerConnectionString, "select global_position from eventstore.events where global_position > $1 order by global_position", position);
}
