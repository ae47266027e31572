using Npgsql;
using OrleansCqrs.EventStore.Postgres;
using OrleansCqrs.EventStore.Tests.Infrastructure;

namespace OrleansCqrs.EventStore.Tests;

public sealed class GroupCommitTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Tenant = "tenant-a";

    // Stands for any refusal by the server (a constraint, a failing trigger) that aborts the group's transaction.
    public Task InitializeAsync() => database.ExecuteAsOwnerAsync("""
        create or replace function public.refuse_poison() returns trigger language plpgsql as $$
        begin
            raise exception 'poison payload refused' using errcode = 'check_violation';
        end
        $$;
        create or replace trigger refuse_poison before insert on eventstore.events
            for each row when (new.data->>'accountId' = 'poison') execute function public.refuse_poison();
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_group_answers_each_request_on_its_own()
    {
        var store = database.CreateStore();
        await store.AppendAsync(Tenant, "group-conflict", ExpectedVersion.NoStream, [TestEvents.Deposit()]);
        var requests = new[]
        {
            store.CreateRequest(Tenant, "group-ok-1", ExpectedVersion.NoStream, [TestEvents.Deposit()], null),
            store.CreateRequest(Tenant, "group-conflict", ExpectedVersion.NoStream, [TestEvents.Deposit()], null),
            store.CreateRequest(Tenant, "group-ok-2", ExpectedVersion.NoStream, TestEvents.Deposits(2), "key-2"),
            store.CreateRequest(Tenant, "group-conflict", ExpectedVersion.Exactly(1), [TestEvents.Deposit()], null),
        };

        await using var dataSource = EventStoreDataSource.Create(database.ApplicationConnectionString);
        await new AppendTransaction(dataSource).RunAsync(requests);

        Assert.Equal(1, (await requests[0].Completion).StreamVersion);
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => requests[1].Completion);
        Assert.Equal(2, (await requests[2].Completion).StreamVersion);
        Assert.Equal(2, (await requests[3].Completion).StreamVersion);
        // All three successes committed in one transaction.
        var transactions = new[] { requests[0], requests[2], requests[3] }.SelectMany(r => r.Completion.Result.Positions).Select(p => p.TransactionId).Distinct();
        Assert.Single(transactions);
    }

    [Fact]
    public async Task Request_the_server_refuses_fails_alone_and_the_rest_of_its_group_commits()
    {
        var store = database.CreateStore();
        var requests = new[]
        {
            store.CreateRequest(Tenant, "refused-ok-1", ExpectedVersion.NoStream, [TestEvents.Deposit()], null),
            store.CreateRequest(Tenant, "refused-bad", ExpectedVersion.NoStream, [TestEvents.Deposit(account: "poison")], null),
            store.CreateRequest(Tenant, "refused-ok-2", ExpectedVersion.NoStream, [TestEvents.Deposit()], null),
        };

        await using var dataSource = EventStoreDataSource.Create(database.ApplicationConnectionString);
        await new AppendTransaction(dataSource).RunAsync(requests);

        Assert.Equal(1, (await requests[0].Completion).StreamVersion);
        var rejected = await Assert.ThrowsAsync<AppendRejectedException>(() => requests[1].Completion);
        Assert.Equal("23514", rejected.SqlState);
        Assert.Contains("poison payload refused", rejected.Message);
        Assert.Contains("refused-bad", rejected.Message);
        Assert.Equal(1, (await requests[2].Completion).StreamVersion);
        Assert.Equal(0, await database.CountEventsAsync(Tenant, "refused-bad"));
    }

    [Fact]
    public async Task Many_concurrent_appends_to_different_streams_all_commit_with_distinct_positions()
    {
        var store = database.CreateStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            store.AppendAsync(Tenant, $"many-{i}", ExpectedVersion.NoStream, [TestEvents.Deposit(i)])));

        Assert.All(results, r => Assert.Equal(1, r.StreamVersion));
        Assert.Equal(300, results.Select(r => r.Positions[0]).Distinct().Count());
        Assert.True(results.Select(r => r.Positions[0].TransactionId).Distinct().Count() < 300, "concurrent appends should have shared commits");
    }
}
