using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class BadInputTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-bad";

    public static TheoryData<string?> BadTenantIds => new() { null, "", new string('t', 65), "tenant a", "tenant\n", "tenänt", "tenant/1" };

    public static TheoryData<string?> BadStreamIds => new() { null, "", new string('s', 257), "account\u0001", "account\n42" };

    public static TheoryData<string> BadIdempotencyKeys => new() { "", new string('k', 129), "key\u0000" };

    [Theory]
    [MemberData(nameof(BadTenantIds))]
    public async Task Bad_tenant_id_is_rejected_before_writing(string? tenantId)
    {
        var store = database.CreateStore();

        await Assert.ThrowsAsync<InvalidTenantIdException>(
            () => store.AppendAsync(tenantId!, "account-1", ExpectedVersion.Any, [TestEvents.Deposit()]));
        await Assert.ThrowsAsync<InvalidTenantIdException>(
            () => store.ReadStreamAsync(tenantId!, "account-1", StreamVersion.First, 10));
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Theory]
    [MemberData(nameof(BadStreamIds))]
    public async Task Bad_stream_id_is_rejected_before_writing(string? streamId)
    {
        var store = database.CreateStore();

        var error = await Assert.ThrowsAsync<InvalidStreamIdException>(
            () => store.AppendAsync(Tenant, streamId!, ExpectedVersion.Any, [TestEvents.Deposit()]));
        Assert.StartsWith("Invalid stream id", error.Message);
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Theory]
    [MemberData(nameof(BadIdempotencyKeys))]
    public async Task Bad_idempotency_key_is_rejected_before_writing(string key)
    {
        var store = database.CreateStore();

        await Assert.ThrowsAsync<InvalidIdempotencyKeyException>(
            () => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, [TestEvents.Deposit()], key));
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Fact]
    public async Task Null_or_empty_event_list_is_rejected()
    {
        var store = database.CreateStore();

        await Assert.ThrowsAsync<EmptyAppendException>(() => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, []));
        await Assert.ThrowsAsync<EmptyAppendException>(() => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, null!));
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Fact]
    public async Task Null_event_in_the_list_is_rejected_and_nothing_of_the_list_is_written()
    {
        var store = database.CreateStore();

        var error = await Assert.ThrowsAsync<NullEventException>(
            () => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, [TestEvents.Deposit(), null!]));
        Assert.Equal(1, error.Index);
        await Assert.ThrowsAsync<NullEventException>(
            () => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, [new NewEvent(null!)]));
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Fact]
    public async Task Unregistered_event_type_is_rejected_naming_the_type()
    {
        var store = database.CreateStore();

        var error = await Assert.ThrowsAsync<UnregisteredEventTypeException>(
            () => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, [TestEvents.Deposit(), new NewEvent(new NotRegistered(1))]));
        Assert.Contains(nameof(NotRegistered), error.Message);
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Fact]
    public async Task Payload_over_the_configured_limit_is_rejected()
    {
        var store = database.CreateStore(options: new EventStoreOptions { MaxPayloadBytes = 100 });

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(
            () => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, [TestEvents.Deposit(account: new string('x', 200))]));
        Assert.Contains("over the limit of 100 bytes", error.Message);
        Assert.Equal(0, await database.CountEventsAsync());
    }

    [Fact]
    public void Negative_expected_version_is_rejected()
    {
        var error = Assert.Throws<InvalidExpectedVersionException>(() => ExpectedVersion.Exactly(-1));
        Assert.Equal(-1, error.Version);
    }

    [Fact]
    public async Task Too_many_events_in_one_append_is_rejected()
    {
        var store = database.CreateStore(options: new EventStoreOptions { MaxEventsPerAppend = 5 });

        await Assert.ThrowsAsync<TooManyEventsException>(
            () => store.AppendAsync(Tenant, "account-1", ExpectedVersion.Any, TestEvents.Deposits(6)));
        Assert.Equal(0, await database.CountEventsAsync(Tenant));
    }
}
