using Npgsql;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class AppendOnlyTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string InsufficientPrivilege = "42501";

    public async Task InitializeAsync()
    {
        var store = database.CreateStore();
        await store.AppendAsync("tenant-a", "account-frozen", ExpectedVersion.Any, TestEvents.Deposits(2), idempotencyKey: "seed");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("update eventstore.events set data = '{}'")]
    [InlineData("delete from eventstore.events")]
    [InlineData("truncate eventstore.events")]
    public async Task Application_role_cannot_change_or_remove_events(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(database.ApplicationConnectionString, sql));

        Assert.Equal(InsufficientPrivilege, error.SqlState);
        Assert.Equal(2, await database.CountEventsAsync("tenant-a", "account-frozen"));
    }

    [Theory]
    [InlineData("update eventstore.events set data = '{}'", "UPDATE")]
    [InlineData("delete from eventstore.events", "DELETE")]
    [InlineData("truncate eventstore.events", "TRUNCATE")]
    public async Task Trigger_rejects_changes_even_for_the_owner(string sql, string operation)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(database.OwnerConnectionString, sql));

        Assert.Contains("append-only", error.MessageText);
        Assert.Contains(operation, error.MessageText);
        Assert.Equal(2, await database.CountEventsAsync("tenant-a", "account-frozen"));
    }

    [Fact]
    public async Task Application_role_cannot_rewrite_stream_versions_or_idempotency_keys()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(
            () => Sql.ExecuteAsync(database.ApplicationConnectionString, "delete from eventstore.idempotency"));

        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }
}
