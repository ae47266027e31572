using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed record Measured(double Value);

public sealed class Nested
{
    public Nested? Inner { get; set; }
}

public sealed record NestedRecorded(Nested Root);

public sealed class FieldsOnly
{
    public int Val;
    public string? Name;
}

public sealed class GetterOnly(int value)
{
    public int Stored { get; } = value;
}

/// <summary>What the store refuses before a request joins a group, and what a reader gets for an event it cannot read.</summary>
public sealed class PayloadRulesTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-payload";

    private static EventTypeRegistry Registry() => TestEvents.Registry()
        .Register<Measured>("measured")
        .Register<NestedRecorded>("nested-recorded")
        .Register<FieldsOnly>("fields-only");

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task NaN_and_infinity_are_refused_naming_the_event(double value)
    {
        var store = database.CreateStore(Registry());
        var error = await Assert.ThrowsAsync<InvalidEventPayloadException>(
            () => store.AppendAsync(Tenant, "measure-1", ExpectedVersion.Any, [TestEvents.Deposit(), new NewEvent(new Measured(value))]));
        Assert.Equal((1, "measured"), (error.Index, error.EventType));
        Assert.Equal(0, await database.CountEventsAsync(Tenant, "measure-1"));
    }

    [Fact]
    public async Task Nesting_past_the_serializer_depth_is_refused()
    {
        var root = new Nested();
        var node = root;
        for (var i = 0; i < 80; i++)
        {
            node = node.Inner = new Nested();
        }

        var store = database.CreateStore(Registry());
        var error = await Assert.ThrowsAsync<InvalidEventPayloadException>(
            () => store.AppendAsync(Tenant, "nested-1", ExpectedVersion.Any, [new NewEvent(new NestedRecorded(root))]));
        Assert.Contains("nested-recorded", error.Message);
    }

    [Fact]
    public async Task The_size_limit_counts_metadata_per_event_and_the_whole_append()
    {
        var store = database.CreateStore(options: new EventStoreOptions { MaxPayloadBytes = 1000, MaxAppendBytes = 2500 });
        var hugeMetadata = new EventMetadata(CorrelationId: new string('c', 5_000));
        await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => store.AppendAsync(Tenant, "size-1", ExpectedVersion.Any, [TestEvents.Deposit(metadata: hugeMetadata)]));

        var nearLimit = Enumerable.Range(0, 5).Select(_ => TestEvents.Deposit(account: new string('a', 800))).ToArray();
        await Assert.ThrowsAsync<AppendTooLargeException>(() => store.AppendAsync(Tenant, "size-1", ExpectedVersion.Any, nearLimit));
        Assert.Equal(0, await database.CountEventsAsync(Tenant, "size-1"));
    }

    [Fact]
    public async Task Duplicate_event_ids_in_one_append_are_refused()
    {
        var store = database.CreateStore();
        var id = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<DuplicateEventIdException>(() => store.AppendAsync(Tenant, "dup-1", ExpectedVersion.Any,
            [new NewEvent(new FundsDeposited("a", 1m), EventId: id), new NewEvent(new FundsDeposited("a", 2m), EventId: id)]));
        Assert.Equal(id, error.EventId);
        Assert.Equal(0, await database.CountEventsAsync(Tenant, "dup-1"));
    }

    // Built in code: a lone surrogate does not survive as an attribute argument.
    public static TheoryData<int> LoneSurrogates => new() { 0xD800, 0xDC00, 0xDBFF };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task Lone_surrogates_in_stream_ids_and_keys_are_refused(int surrogate)
    {
        var bad = "account-" + (char)surrogate + "x";
        var store = database.CreateStore();
        await Assert.ThrowsAsync<InvalidStreamIdException>(() => store.AppendAsync(Tenant, bad, ExpectedVersion.Any, [TestEvents.Deposit()]));
        await Assert.ThrowsAsync<InvalidIdempotencyKeyException>(
            () => store.AppendAsync(Tenant, "account-ok", ExpectedVersion.Any, [TestEvents.Deposit()], idempotencyKey: bad));
        // A well-formed pair is a character like any other.
        var emoji = $"account-{surrogate}-\ud83d\ude00";
        Assert.Equal(1, (await store.AppendAsync(Tenant, emoji, ExpectedVersion.NoStream, [TestEvents.Deposit()])).FirstVersion);
    }

    [Fact]
    public async Task One_bad_request_among_24_concurrent_appends_fails_alone()
    {
        var store = database.CreateStore(Registry());
        var stream = "group-" + Guid.NewGuid().ToString("N")[..8];
        var appends = Enumerable.Range(0, 24).Select(i => i == 11
            ? store.AppendAsync(Tenant, $"{stream}-{i}" + (char)0xD800, ExpectedVersion.NoStream, [TestEvents.Deposit()])
            : i == 17
                ? store.AppendAsync(Tenant, $"{stream}-{i}", ExpectedVersion.NoStream, [new NewEvent(new Measured(double.NaN))])
                : store.AppendAsync(Tenant, $"{stream}-{i}", ExpectedVersion.NoStream, [TestEvents.Deposit(i)])).ToList();
        var outcomes = await Task.WhenAll(appends.Select(async a =>
        {
            try
            {
                await a;
                return null;
            }
            catch (Exception error)
            {
                return error;
            }
        }));

        Assert.IsType<InvalidStreamIdException>(outcomes[11]);
        Assert.IsType<InvalidEventPayloadException>(outcomes[17]);
        Assert.Equal(22, outcomes.Count(o => o is null));
        var committed = await Sql.ScalarAsync<long>(database.OwnerConnectionString,
            "select count(*) from eventstore.events where stream_id like $1", stream + "-%");
        Assert.Equal(22, committed);
    }

    [Fact]
    public async Task Public_fields_are_stored_and_read_back()
    {
        var store = database.CreateStore(Registry());
        await store.AppendAsync(Tenant, "fields-1", ExpectedVersion.Any, [new NewEvent(new FieldsOnly { Val = 42, Name = "x" })]);
        var back = (FieldsOnly)Assert.Single(await store.ReadStreamAsync(Tenant, "fields-1", 1, 10)).Data;
        Assert.Equal((42, "x"), (back.Val, back.Name));
    }

    [Fact]
    public void A_type_that_would_lose_a_member_is_refused_at_registration_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => database.CreateStore(TestEvents.Registry().Register<GetterOnly>("getter-only")));
        Assert.Contains("GetterOnly.stored", error.Message);
    }

    [Fact]
    public async Task A_reader_that_asks_gets_unreadable_events_as_such_and_the_page_whole()
    {
        var writer = database.CreateStore(Registry());
        var stream = "unreadable-" + Guid.NewGuid().ToString("N")[..8];
        await writer.AppendAsync(Tenant, stream, ExpectedVersion.Any,
            [TestEvents.Deposit(1m), new NewEvent(new Measured(1.5)), TestEvents.Deposit(2m)]);

        var reader = database.CreateStore();   // does not know "measured"
        var error = await Assert.ThrowsAsync<UnknownEventTypeException>(() => reader.ReadStreamAsync(Tenant, stream, 1, 10));
        Assert.Equal("measured", error.EventType);

        var all = await reader.ReadStreamAsync(Tenant, stream, 1, 10, unreadable: UnreadableEvents.Return);
        Assert.Equal(3, all.Count);
        var unreadable = Assert.IsType<UnreadableEvent>(all[1].Data);
        Assert.Contains("1.5", unreadable.RawData);
        Assert.Contains("not registered", unreadable.Reason);
        Assert.IsType<FundsDeposited>(all[2].Data);

        // The global log shows a transaction once no older one is open anywhere on the server: wait for it.
        await Poll.UntilAsync(async () =>
        {
            var log = await reader.ReadAllAsync(GlobalPosition.Start, 100_000, unreadable: UnreadableEvents.Return);
            return log.Any(e => e.StreamId == stream && e.Data is UnreadableEvent) && log.Count(e => e.StreamId == stream) == 3;
        }, TimeSpan.FromSeconds(30), "the unreadable event on the global log");
    }

    [Fact]
    public async Task The_durable_idempotency_record_answers_for_a_key_however_old()
    {
        var store = database.CreateStore();
        var stream = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await store.AppendAsync(Tenant, stream, ExpectedVersion.Any, TestEvents.Deposits(3), idempotencyKey: "cmd-1");
        await store.AppendAsync(Tenant, stream, ExpectedVersion.Any, TestEvents.Deposits(2), idempotencyKey: "cmd-2");

        var record = await store.ReadIdempotencyRecordAsync(Tenant, stream, "cmd-1");
        Assert.Equal((1L, 3L), (record!.FirstVersion, record.LastVersion));
        Assert.Null(await store.ReadIdempotencyRecordAsync(Tenant, stream, "cmd-3"));

        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(
            () => store.AppendAsync(Tenant, stream, ExpectedVersion.Any, TestEvents.Deposits(1), idempotencyKey: "cmd-1"));
        Assert.Equal(3, reused.OriginalLastVersion);
    }
}
