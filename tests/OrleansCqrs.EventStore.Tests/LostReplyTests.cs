using Npgsql;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class LostReplyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-a";
    private const string Stream = "account-lost-reply";

    private ReplyCuttingProxy NewProxy()
    {
        var direct = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString);
        return new ReplyCuttingProxy(direct.Host!, direct.Port);
    }

    /// <summary>A store with one pooled connection through the proxy, so a cut reply hits the very request that is armed.</summary>
    private Postgres.PostgresEventStore StoreThrough(ReplyCuttingProxy proxy) => database.CreateStore(connectionString:
        new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString)
        {
            Port = proxy.Port,
            SslMode = SslMode.Disable,
            GssEncryptionMode = GssEncryptionMode.Disable,
            MaxPoolSize = 1,
        }.ConnectionString);

    [Fact]
    public async Task Retry_after_reply_lost_past_commit_writes_nothing_and_returns_original_positions()
    {
        await using var proxy = NewProxy();
        var proxied = StoreThrough(proxy);
        // Opens the one pooled connection, so the armed request starts on an idle, framed stream.
        await proxied.AppendAsync(Tenant, Stream, ExpectedVersion.NoStream, [TestEvents.Deposit(1m)]);

        // With an idempotency key the store itself asks again on a fresh connection, and the key answers with the
        // first try's result: the caller never sees the lost reply.
        proxy.CutNextReply();
        var resolved = await proxied.AppendAsync(Tenant, Stream, ExpectedVersion.Exactly(1), TestEvents.Deposits(2), "cmd-lost");
        Assert.True(proxy.Cut.IsCompleted, "the proxy must have cut after the server ended the transaction");
        Assert.True(resolved.WasReplay);
        Assert.Equal((2L, 3L), (resolved.FirstVersion, resolved.StreamVersion));

        var store = database.CreateStore();
        var committed = await store.ReadStreamAsync(Tenant, Stream, StreamVersion.First, 10);
        Assert.Equal(3, committed.Count);
        Assert.Equal(committed.Skip(1).Select(e => e.Position), resolved.Positions);

        var retry = await store.AppendAsync(Tenant, Stream, ExpectedVersion.Exactly(1), TestEvents.Deposits(2), "cmd-lost");
        Assert.True(retry.WasReplay);
        Assert.Equal(committed.Skip(1).Select(e => e.Position), retry.Positions);
        Assert.Equal(3, await database.CountEventsAsync(Tenant, Stream));
    }

    [Fact]
    public async Task A_reply_lost_past_commit_without_a_key_is_reported_as_outcome_unknown()
    {
        await using var proxy = NewProxy();
        var proxied = StoreThrough(proxy);
        const string stream = "account-lost-reply-unkeyed";
        await proxied.AppendAsync(Tenant, stream, ExpectedVersion.NoStream, [TestEvents.Deposit(1m)]);

        proxy.CutNextReply();
        var lost = await Assert.ThrowsAsync<AppendOutcomeUnknownException>(
            () => proxied.AppendAsync(Tenant, stream, ExpectedVersion.Exactly(1), TestEvents.Deposits(2)));
        Assert.Contains(stream, lost.Message);
        Assert.Equal(3, await database.CountEventsAsync(Tenant, stream));
    }
}
