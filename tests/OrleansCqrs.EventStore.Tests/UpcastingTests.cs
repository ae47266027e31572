using System.Text.Json.Nodes;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed record AccountOpenedV1(string Owner);

public sealed record AccountOpenedV2(string Owner, string Currency);

/// <summary>The current shape: v2 renamed Owner to OwnerName and added OverdraftLimit.</summary>
public sealed record AccountOpened(string OwnerName, string Currency, decimal OverdraftLimit);

public sealed class UpcastingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Tenant = "tenant-a";

    private static EventTypeRegistry Version1() => new EventTypeRegistry().Register<AccountOpenedV1>("account-opened", 1);

    private static EventTypeRegistry Version3(bool withSecondUpcaster = true)
    {
        var registry = new EventTypeRegistry()
            .Register<AccountOpened>("account-opened", 3)
            .AddUpcaster("account-opened", 1, v1 =>
            {
                v1["currency"] = "EUR";
                return v1;
            });
        return withSecondUpcaster
            ? registry.AddUpcaster("account-opened", 2, v2 => new JsonObject
            {
                ["ownerName"] = v2["owner"]!.GetValue<string>(),
                ["currency"] = v2["currency"]!.GetValue<string>(),
                ["overdraftLimit"] = 0m,
            })
            : registry;
    }

    [Fact]
    public async Task Stored_v1_payload_is_read_as_v3_through_two_upcasters()
    {
        var writer = database.CreateStore(Version1());
        await writer.AppendAsync(Tenant, "account-upcast", ExpectedVersion.NoStream, [new NewEvent(new AccountOpenedV1("Ada"))]);

        var reader = database.CreateStore(Version3());
        var recorded = Assert.Single(await reader.ReadStreamAsync(Tenant, "account-upcast", StreamVersion.First, 10));

        Assert.Equal(new AccountOpened("Ada", "EUR", 0m), recorded.Data);
        Assert.Equal(1, recorded.StoredSchemaVersion);
        Assert.Equal("account-opened", recorded.EventType);
    }

    [Fact]
    public async Task Current_version_payload_needs_no_upcaster()
    {
        var store = database.CreateStore(Version3());
        await store.AppendAsync(Tenant, "account-current", ExpectedVersion.NoStream, [new NewEvent(new AccountOpened("Bob", "USD", 50m))]);

        var recorded = Assert.Single(await store.ReadStreamAsync(Tenant, "account-current", StreamVersion.First, 10));
        Assert.Equal(new AccountOpened("Bob", "USD", 50m), recorded.Data);
        Assert.Equal(3, recorded.StoredSchemaVersion);
    }

    [Fact]
    public async Task Unknown_type_on_read_names_stream_position_type_and_version()
    {
        var writer = database.CreateStore(Version1());
        var appended = await writer.AppendAsync(Tenant, "account-unknown-type", ExpectedVersion.NoStream, [new NewEvent(new AccountOpenedV1("Ada"))]);

        var reader = database.CreateStore(TestEvents.Registry());
        var error = await Assert.ThrowsAsync<UnknownEventTypeException>(
            () => reader.ReadStreamAsync(Tenant, "account-unknown-type", StreamVersion.First, 10));

        Assert.Equal("account-unknown-type", error.StreamId);
        Assert.Equal(appended.Positions[0], error.Position);
        Assert.Equal("account-opened", error.EventType);
        Assert.Equal(1, error.SchemaVersion);
        Assert.Contains("account-unknown-type", error.Message);
        Assert.Contains(appended.Positions[0].ToString(), error.Message);
        Assert.Contains("'account-opened' v1", error.Message);
    }

    [Fact]
    public async Task Version_newer_than_the_reader_knows_is_an_error()
    {
        var writer = database.CreateStore(Version3());
        await writer.AppendAsync(Tenant, "account-newer", ExpectedVersion.NoStream, [new NewEvent(new AccountOpened("Ada", "EUR", 0m))]);

        var error = await Assert.ThrowsAsync<UnknownEventTypeException>(
            () => database.CreateStore(Version1()).ReadStreamAsync(Tenant, "account-newer", StreamVersion.First, 10));

        Assert.Equal(3, error.SchemaVersion);
        Assert.Contains("up to 1", error.Message);
    }

    [Fact]
    public async Task Missing_link_in_the_upcaster_chain_is_an_error()
    {
        var writer = database.CreateStore(Version1());
        await writer.AppendAsync(Tenant, "account-gap", ExpectedVersion.NoStream, [new NewEvent(new AccountOpenedV1("Ada"))]);

        var error = await Assert.ThrowsAsync<UnknownEventTypeException>(
            () => database.CreateStore(Version3(withSecondUpcaster: false)).ReadStreamAsync(Tenant, "account-gap", StreamVersion.First, 10));

        Assert.Contains("no upcaster from v2 to v3", error.Message);
    }

    [Fact]
    public void Registering_a_name_or_type_twice_is_refused()
    {
        var registry = new EventTypeRegistry().Register<AccountOpened>("account-opened", 3);

        Assert.Throws<ArgumentException>(() => registry.Register<AccountOpenedV1>("account-opened"));
        Assert.Throws<ArgumentException>(() => registry.Register<AccountOpened>("other-name"));
    }
}
