using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class IdempotencyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-a";

    [Fact]
    public async Task Retry_with_same_idempotency_key_returns_original_positions_and_writes_nothing()
    {
        var store = database.CreateStore();
        var first = await store.AppendAsync(Tenant, "account-retry", ExpectedVersion.NoStream, TestEvents.Deposits(2), "cmd-1");
        await store.AppendAsync(Tenant, "account-retry", ExpectedVersion.Exactly(2), [TestEvents.Deposit()]);

        // The retry's expected version is stale by now; the key wins over the version check.
        var retry = await store.AppendAsync(Tenant, "account-retry", ExpectedVersion.NoStream, TestEvents.Deposits(2), "cmd-1");

        Assert.True(retry.WasReplay);
        Assert.Equal(first.FirstVersion, retry.FirstVersion);
        Assert.Equal(first.StreamVersion, retry.StreamVersion);
        Assert.Equal(first.Positions, retry.Positions);
        Assert.Equal(3, await database.CountEventsAsync(Tenant, "account-retry"));
    }

    [Fact]
    public async Task Same_key_with_different_events_is_rejected_and_writes_nothing()
    {
        var store = database.CreateStore();
        await store.AppendAsync(Tenant, "account-reuse", ExpectedVersion.NoStream, [TestEvents.Deposit(10m)], "cmd-1");

        var error = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(
            () => store.AppendAsync(Tenant, "account-reuse", ExpectedVersion.Any, [TestEvents.Deposit(99m)], "cmd-1"));

        Assert.Equal("cmd-1", error.Key);
        Assert.Contains("account-reuse", error.Message);
        Assert.Equal(1, await database.CountEventsAsync(Tenant, "account-reuse"));
    }

    [Fact]
    public async Task Retry_after_a_restart_returns_the_original_result()
    {
        AppendResult first;
        await using (var before = PostgresEventStore(database))
        {
            first = await before.AppendAsync(Tenant, "account-restart", ExpectedVersion.NoStream, TestEvents.Deposits(3), "cmd-restart");
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var after = PostgresEventStore(database);
        var retry = await after.AppendAsync(Tenant, "account-restart", ExpectedVersion.NoStream, TestEvents.Deposits(3), "cmd-restart");

        Assert.True(retry.WasReplay);
        Assert.Equal(first.Positions, retry.Positions);
        Assert.Equal(first.StreamVersion, retry.StreamVersion);
        Assert.Equal(3, await database.CountEventsAsync(Tenant, "account-restart"));
    }

    public static TheoryData<string> Expectations => new() { "any", "no-stream", "exactly-0", "stream-exists" };

    [Theory]
    [MemberData(nameof(Expectations))]
    public async Task Concurrent_retries_of_one_request_append_once(string expectation)
    {
        var stores = Enumerable.Range(0, 3).Select(_ => database.CreateStore()).ToArray();
        for (var round = 0; round < 10; round++)
        {
            var stream = $"account-race-{expectation}-{round}";
            var expected = expectation switch
            {
                "any" => ExpectedVersion.Any,
                "no-stream" => ExpectedVersion.NoStream,
                "exactly-0" => ExpectedVersion.Exactly(0),
                _ => ExpectedVersion.StreamExists,
            };
            if (expectation == "stream-exists")
            {
                await stores[0].AppendAsync(Tenant, stream, ExpectedVersion.NoStream, [TestEvents.Deposit()]);
            }

            var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
                stores[i % stores.Length].AppendAsync(Tenant, stream, expected, TestEvents.Deposits(2), "cmd-race")));

            Assert.Single(results, r => !r.WasReplay);
            Assert.All(results, r => Assert.Equal(results[0].Positions, r.Positions));
            Assert.Equal(expectation == "stream-exists" ? 3 : 2, await database.CountEventsAsync(Tenant, stream));
        }
    }

    [Fact]
    public async Task Keys_are_scoped_to_their_stream()
    {
        var store = database.CreateStore();
        var a = await store.AppendAsync(Tenant, "account-key-a", ExpectedVersion.NoStream, [TestEvents.Deposit()], "same-key");
        var b = await store.AppendAsync(Tenant, "account-key-b", ExpectedVersion.NoStream, [TestEvents.Deposit()], "same-key");

        Assert.False(b.WasReplay);
        Assert.NotEqual(a.Positions, b.Positions);
    }

    private static Postgres.PostgresEventStore PostgresEventStore(TestDatabase db) =>
        Postgres.PostgresEventStore.Create(db.ApplicationConnectionString, TestEvents.Registry());
}
