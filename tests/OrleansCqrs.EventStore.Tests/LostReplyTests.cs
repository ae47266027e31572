using Npgsql;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class LostReplyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-a";
    private const string Stream = "account-lost-reply";

    [Fact]
    public async Task Retry_after_reply_lost_past_commit_writes_nothing_and_returns_original_positions()
    {
        var direct = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString);
        await using var proxy = new ReplyCuttingProxy(direct.Host!, direct.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database.ApplicationConnectionString)
        {
            Port = proxy.Port,
            SslMode = SslMode.Disable,
            GssEncryptionMode = GssEncryptionMode.Disable,
            MaxPoolSize = 1,
        };
        var proxied = database.CreateStore(connectionString: throughProxy.ConnectionString);
        // Opens the one pooled connection, so the armed request starts on an idle, framed stream.
        await proxied.AppendAsync(Tenant, Stream, ExpectedVersion.NoStream, [TestEvents.Deposit(1m)]);

        proxy.CutNextReply();
        var lost = await Assert.ThrowsAsync<AppendOutcomeUnknownException>(
            () => proxied.AppendAsync(Tenant, Stream, ExpectedVersion.Exactly(1), TestEvents.Deposits(2), "cmd-lost"));
        Assert.True(proxy.Cut.IsCompleted, "the proxy must have cut after the server ended the transaction");
        Assert.Contains(Stream, lost.Message);

        // The commit landed although the client never heard of it.
        var store = database.CreateStore();
        var committed = await store.ReadStreamAsync(Tenant, Stream, StreamVersion.First, 10);
        Assert.Equal(3, committed.Count);

        var retry = await store.AppendAsync(Tenant, Stream, ExpectedVersion.Exactly(1), TestEvents.Deposits(2), "cmd-lost");

        Assert.True(retry.WasReplay);
        Assert.Equal(2, retry.FirstVersion);
        Assert.Equal(3, retry.StreamVersion);
        Assert.Equal(committed.Skip(1).Select(e => e.Position), retry.Positions);
        Assert.Equal(3, await database.CountEventsAsync(Tenant, Stream));
    }
}
