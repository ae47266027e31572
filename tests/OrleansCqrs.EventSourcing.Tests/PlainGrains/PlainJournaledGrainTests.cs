using System.Diagnostics;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;
using OrleansCqrs.EventStore;
using OrleansCqrs.EventStore.Postgres;

namespace OrleansCqrs.EventSourcing.Tests.PlainGrains;

/// <summary>
/// Plain Orleans JournaledGrains on our provider (mutable state, RaiseEvent, public fields, compound keys): nothing
/// unconfirmed is reported confirmed, a stream is read whole or not at all, and what goes in comes back.
/// </summary>
[Collection(BankingClusterCollection.Name)]
public sealed class PlainJournaledGrainTests(BankingCluster cluster)
{
    private static string NewKey() => Bank.NewId("ctr");

    private ICounterGrain Counter(string key) => cluster.Grains.GetGrain<ICounterGrain>(key);

    private PostgresEventStore Store(int addedVersion = 1) => cluster.Database.CreateStore(
        Banking.BankingEventTypes.Create()
            .Register<CounterAdded>("counter-added", addedVersion)
            .Register<CounterJammed>("counter-jammed"));

    [Fact]
    public async Task Raised_events_are_stored_with_their_public_fields_and_come_back_after_reactivation()
    {
        var key = NewKey();
        for (var i = 1; i <= 12; i++)
        {
            await Counter(key).Add(i, $"note {i}");
        }

        await using var store = Store();
        var stored = await store.ReadStreamAsync("default", $"counter-{key}", 1, 100);
        Assert.Equal(12, stored.Count);
        Assert.Equal(Enumerable.Range(1, 12), stored.Select(e => ((CounterAdded)e.Data).Amount));
        var json = await Sql.ColumnAsync<string>(cluster.Database.OwnerConnectionString,
            "select data::text from eventstore.events where stream_id = $1 and stream_version = 3", $"counter-{key}");
        Assert.Contains("\"amount\":3", Assert.Single(json));

        // Snapshots every 5 events: the state's public fields are in it, and a reactivation starts from it.
        var snapshots = new List<string>();
        await Poll.UntilAsync(async () =>
        {
            snapshots = await Sql.ColumnAsync<string>(cluster.Database.OwnerConnectionString,
                "select convert_from(payload, 'UTF8') from snapshots.snapshots where stream_id = $1 and version = 10", $"counter-{key}");
            return snapshots.Count == 1;
        }, TimeSpan.FromSeconds(20), "the snapshot at version 10");
        Assert.Contains("\"value\":55", snapshots[0]);

        await cluster.DeactivateAllAsync();
        Assert.Equal((78, 12, 12), await Counter(key).Read());
        Assert.Equal([4, 5, 6], await Counter(key).Amounts(3, 6));
    }

    [Fact]
    public async Task Conditional_raise_fails_when_the_stream_moved_and_succeeds_at_its_head()
    {
        var key = NewKey();
        await Counter(key).Add(1);
        Assert.True(await Counter(key).TryAdd(2));

        await using var store = Store();
        await store.AppendAsync("default", $"counter-{key}", ExpectedVersion.Exactly(2), [new NewEvent(new CounterAdded { Amount = 100 })]);
        Assert.False(await Counter(key).TryAdd(3));   // the grain was at version 2; the stream is at 3
        Assert.True(await Counter(key).TryAdd(4));    // it caught up in the meantime
        Assert.Equal((107, 4, 0), await Counter(key).Read());
    }

    [Fact]
    public async Task An_event_of_an_unknown_schema_version_fails_reads_and_writes_and_naming_it()
    {
        var key = NewKey();
        await Counter(key).Add(5);
        await using (var newer = Store(addedVersion: 99))
        {
            await newer.AppendAsync("default", $"counter-{key}", ExpectedVersion.Exactly(1), [new NewEvent(new CounterAdded { Amount = 7 })]);
        }

        await cluster.DeactivateAllAsync();
        var clock = Stopwatch.StartNew();
        var read = await Assert.ThrowsAsync<AggregateLoadException>(() => Counter(key).Read());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("aggregate_unreadable", read.Code);
        Assert.Contains("counter-added", read.Message);
        Assert.Contains("v99", read.Message);
        Assert.Contains($"counter-{key}", read.Message);

        await Assert.ThrowsAsync<AggregateLoadException>(() => Counter(key).Add(1));
        Assert.Equal(2, await cluster.Database.CountEventsAsync("default", $"counter-{key}"));
    }

    [Fact]
    public async Task An_event_whose_apply_throws_is_refused_on_write_and_stops_a_load_with_its_version()
    {
        var key = NewKey();
        await Counter(key).Add(5);

        var refused = await Assert.ThrowsAsync<EventNotAppliedException>(() => Counter(key).Add(-1));
        Assert.Equal("event_not_applied", refused.Code);
        Assert.Contains("never goes down", refused.Message);
        Assert.Equal(1, await cluster.Database.CountEventsAsync("default", $"counter-{key}"));
        Assert.Equal((5, 1, 0), await Counter(key).Read());

        // Written by someone else, the grain cannot apply it: the load fails, naming where and why.
        await using (var store = Store())
        {
            await store.AppendAsync("default", $"counter-{key}", ExpectedVersion.Exactly(1), [new NewEvent(new CounterJammed { Reason = "bad batch" })]);
        }

        await cluster.DeactivateAllAsync();
        var unreadable = await Assert.ThrowsAsync<AggregateLoadException>(() => Counter(key).Read());
        Assert.Contains("counter-jammed", unreadable.Message);
        Assert.Contains("version 2", unreadable.Message);
        Assert.Contains("bad batch", unreadable.Message);
        await Assert.ThrowsAsync<AggregateLoadException>(() => Counter(key).Add(1));
        Assert.Equal(2, await cluster.Database.CountEventsAsync("default", $"counter-{key}"));
    }

    [Theory]
    [InlineData("my room")]
    [InlineData("a/b/c")]
    [InlineData("bad tenant!/c1")]
    [InlineData("/c1")]
    [InlineData("x\ud800y")]
    public async Task A_key_that_names_no_stream_fails_at_once_with_the_allowed_form(string key)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InvalidAggregateIdException>(() => Counter(key).Add(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("invalid_aggregate_id", error.Code);
        Assert.Contains("letters, digits", error.Message);
        await Assert.ThrowsAsync<InvalidAggregateIdException>(() => Counter(key).Read());
    }

    [Fact]
    public async Task A_key_over_100_characters_fails_at_once()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InvalidAggregateIdException>(() => Counter(new string('x', 101)).Add(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Contains("101 characters", error.Message);
    }

    [Fact]
    public async Task Compound_guid_and_tenant_keys_each_address_their_own_stream()
    {
        // Orleans writes an integer compound key as upper-case hex without leading zeros; a small one makes sure.
        var n = Random.Shared.NextInt64(1, 0xFFFF);
        await cluster.Grains.GetGrain<ICompoundCounterGrain>(n, "room+1").Add(3);
        var guid = Guid.NewGuid();
        await cluster.Grains.GetGrain<IGuidCounterGrain>(guid).Add(4);
        var id = NewKey();
        await Counter(AggregateKey.For("acme", id)).Add(5);

        await using var store = Store();
        var streams = await Sql.ColumnAsync<string>(cluster.Database.OwnerConnectionString,
            "select stream_id from eventstore.events where stream_id like 'compound-counter-%'");
        Assert.Equal([$"compound-counter-{n:X}+room+1"], streams.Distinct().Where(s => s.Contains("room")));
        Assert.Single(await store.ReadStreamAsync("default", $"compound-counter-{n:X}+room+1", 1, 10));
        Assert.Single(await store.ReadStreamAsync("default", $"guid-counter-{guid:N}", 1, 10));
        Assert.Single(await store.ReadStreamAsync("acme", $"counter-{id}", 1, 10));
        Assert.Empty(await store.ReadStreamAsync("default", $"counter-{id}", 1, 10));
    }

    [Fact]
    public async Task Clearing_the_log_is_refused_with_what_to_do_instead()
    {
        var key = NewKey();
        await Counter(key).Add(1);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => Counter(key).Clear());
        Assert.Contains("append-only", error.Message);
        Assert.Equal((1, 1, 0), await Counter(key).Read());
        Assert.Equal(1, await cluster.Database.CountEventsAsync("default", $"counter-{key}"));
    }
}
