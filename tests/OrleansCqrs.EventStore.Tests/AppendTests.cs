using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class AppendTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-a";

    [Fact]
    public async Task Append_to_new_stream_returns_versions_and_increasing_positions()
    {
        var store = database.CreateStore();
        var result = await store.AppendAsync(Tenant, "account-new", ExpectedVersion.NoStream, TestEvents.Deposits(3));

        Assert.Equal(1, result.FirstVersion);
        Assert.Equal(3, result.StreamVersion);
        Assert.Equal(3, result.Positions.Count);
        Assert.True(result.Positions[0] < result.Positions[1] && result.Positions[1] < result.Positions[2]);
        Assert.False(result.WasReplay);

        var read = await store.ReadStreamAsync(Tenant, "account-new", StreamVersion.First, 10);
        Assert.Equal([1L, 2L, 3L], read.Select(e => e.StreamVersion));
        Assert.Equal(result.Positions, read.Select(e => e.Position));
        Assert.Equal([1m, 2m, 3m], read.Select(e => ((FundsDeposited)e.Data).Amount));
    }

    [Fact]
    public async Task Exactly_the_current_version_appends_after_it()
    {
        var store = database.CreateStore();
        await store.AppendAsync(Tenant, "account-exact", ExpectedVersion.NoStream, TestEvents.Deposits(2));

        var result = await store.AppendAsync(Tenant, "account-exact", ExpectedVersion.Exactly(2), [TestEvents.Deposit()]);

        Assert.Equal(3, result.FirstVersion);
        Assert.Equal(3, result.StreamVersion);
    }

    [Theory]
    [InlineData("no-stream-on-existing", 1L)]
    [InlineData("exactly-stale", 1L)]
    [InlineData("exactly-ahead", 1L)]
    [InlineData("stream-exists-on-missing", 0L)]
    [InlineData("exactly-positive-on-missing", 0L)]
    public async Task Mismatched_expected_version_throws_naming_stream_expected_and_actual_and_writes_nothing(string caseName, long actual)
    {
        var store = database.CreateStore();
        var stream = "account-" + caseName;
        if (actual > 0)
        {
            await store.AppendAsync(Tenant, stream, ExpectedVersion.NoStream, [TestEvents.Deposit()]);
        }

        var expected = caseName switch
        {
            "no-stream-on-existing" => ExpectedVersion.NoStream,
            "exactly-stale" => ExpectedVersion.Exactly(0),
            "exactly-ahead" => ExpectedVersion.Exactly(5),
            "stream-exists-on-missing" => ExpectedVersion.StreamExists,
            _ => ExpectedVersion.Exactly(3),
        };

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => store.AppendAsync(Tenant, stream, expected, TestEvents.Deposits(2)));

        Assert.Equal(stream, error.StreamId);
        Assert.Equal(expected, error.Expected);
        Assert.Equal(actual, error.ActualVersion);
        Assert.Contains(stream, error.Message);
        Assert.Contains(expected.ToString(), error.Message);
        Assert.Contains($"version {actual}", error.Message);
        Assert.Equal(actual, await database.CountEventsAsync(Tenant, stream));
    }

    [Fact]
    public async Task Failed_append_to_a_missing_stream_leaves_no_stream_behind()
    {
        var store = database.CreateStore();
        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => store.AppendAsync(Tenant, "account-never", ExpectedVersion.StreamExists, [TestEvents.Deposit()]));

        // NoStream still succeeds: the failed attempt did not create the stream.
        var result = await store.AppendAsync(Tenant, "account-never", ExpectedVersion.NoStream, [TestEvents.Deposit()]);
        Assert.Equal(1, result.StreamVersion);
    }

    [Fact]
    public async Task Any_and_StreamExists_append_to_an_existing_stream()
    {
        var store = database.CreateStore();
        await store.AppendAsync(Tenant, "account-any", ExpectedVersion.Any, [TestEvents.Deposit()]);
        await store.AppendAsync(Tenant, "account-any", ExpectedVersion.Any, [TestEvents.Deposit()]);
        var result = await store.AppendAsync(Tenant, "account-any", ExpectedVersion.StreamExists, [TestEvents.Deposit()]);

        Assert.Equal(3, result.StreamVersion);
    }

    [Fact]
    public async Task Metadata_event_id_and_recorded_at_round_trip()
    {
        var store = database.CreateStore();
        var eventId = Guid.NewGuid();
        var metadata = new EventMetadata(CorrelationId: "corr-1", CausationId: "cause-1", CommandId: "cmd-1");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await store.AppendAsync(Tenant, "account-meta", ExpectedVersion.NoStream, [new NewEvent(new FundsDeposited("a", 5m), metadata, eventId)]);

        var recorded = Assert.Single(await store.ReadStreamAsync(Tenant, "account-meta", StreamVersion.First, 10));
        Assert.Equal(eventId, recorded.EventId);
        Assert.Equal(metadata, recorded.Metadata);
        Assert.Equal("funds-deposited", recorded.EventType);
        Assert.Equal(1, recorded.StoredSchemaVersion);
        Assert.InRange(recorded.RecordedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Appends_without_group_commit_behave_the_same()
    {
        var store = database.CreateStore(options: new EventStoreOptions { GroupCommit = false });
        await store.AppendAsync(Tenant, "account-alone", ExpectedVersion.NoStream, TestEvents.Deposits(2));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => store.AppendAsync(Tenant, "account-alone", ExpectedVersion.Exactly(1), [TestEvents.Deposit()]));
        var result = await store.AppendAsync(Tenant, "account-alone", ExpectedVersion.Exactly(2), [TestEvents.Deposit()]);
        Assert.Equal(3, result.StreamVersion);
    }

    [Fact]
    public async Task Default_payload_limit_is_one_mebibyte()
    {
        var store = database.CreateStore();

        await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => store.AppendAsync(Tenant, "account-too-big", ExpectedVersion.Any, [TestEvents.Deposit(account: new string('x', 1024 * 1024))]));
        var justUnder = await store.AppendAsync(Tenant, "account-big", ExpectedVersion.Any, [TestEvents.Deposit(account: new string('x', 1000 * 1000))]);
        Assert.Equal(1, justUnder.StreamVersion);
    }

    [Fact]
    public async Task Payload_text_round_trips_exactly_including_nul_and_astral_characters()
    {
        var store = database.CreateStore();
        var account = "nul\u0000 tab\t quote\" emoji\U0001F600 é";

        await store.AppendAsync(Tenant, "account-unicode", ExpectedVersion.NoStream, [TestEvents.Deposit(12.34m, account)]);

        var recorded = Assert.Single(await store.ReadStreamAsync(Tenant, "account-unicode", StreamVersion.First, 10));
        Assert.Equal(new FundsDeposited(account, 12.34m), recorded.Data);
    }
}
