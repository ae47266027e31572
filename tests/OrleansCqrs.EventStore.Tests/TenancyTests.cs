using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class TenancyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Same_stream_id_in_two_tenants_are_separate_streams()
    {
        var store = database.CreateStore();
        await store.AppendAsync("tenant-a", "account-1", ExpectedVersion.NoStream, [TestEvents.Deposit(1m)]);

        // Tenant B's stream of the same name is new: A's events neither count nor show.
        var b = await store.AppendAsync("tenant-b", "account-1", ExpectedVersion.NoStream, [TestEvents.Deposit(2m), TestEvents.Deposit(3m)]);
        Assert.Equal(2, b.StreamVersion);

        var readByA = await store.ReadStreamAsync("tenant-a", "account-1", StreamVersion.First, 10);
        var readByB = await store.ReadStreamAsync("tenant-b", "account-1", StreamVersion.First, 10);
        Assert.Equal([1m], readByA.Select(e => ((FundsDeposited)e.Data).Amount));
        Assert.Equal([2m, 3m], readByB.Select(e => ((FundsDeposited)e.Data).Amount));
        Assert.All(readByA, e => Assert.Equal("tenant-a", e.TenantId));
        Assert.All(readByB, e => Assert.Equal("tenant-b", e.TenantId));
    }

    [Fact]
    public async Task Expected_version_is_checked_against_the_tenants_own_stream()
    {
        var store = database.CreateStore();
        await store.AppendAsync("tenant-a", "account-2", ExpectedVersion.NoStream, TestEvents.Deposits(3));

        await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => store.AppendAsync("tenant-b", "account-2", ExpectedVersion.Exactly(3), [TestEvents.Deposit()]));
        Assert.Equal(0, await database.CountEventsAsync("tenant-b", "account-2"));
    }

    [Fact]
    public async Task Idempotency_keys_do_not_cross_tenants()
    {
        var store = database.CreateStore();
        var a = await store.AppendAsync("tenant-a", "account-3", ExpectedVersion.NoStream, [TestEvents.Deposit()], "cmd-1");
        var b = await store.AppendAsync("tenant-b", "account-3", ExpectedVersion.NoStream, [TestEvents.Deposit()], "cmd-1");

        Assert.False(b.WasReplay);
        Assert.NotEqual(a.Positions, b.Positions);
    }
}
