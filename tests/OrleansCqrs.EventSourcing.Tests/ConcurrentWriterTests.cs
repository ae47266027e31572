using OrleansCqrs.Banking;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;
using OrleansCqrs.EventStore;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class ConcurrentWriterTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task Two_grains_writing_one_stream_lose_and_duplicate_nothing()
    {
        var id = await _bank.OpenAccountAsync();
        var account = _bank.Account(id);
        var twin = cluster.Grains.GetGrain<IAccountTwinGrain>(id);
        const int perWriter = 25;
        var commands = Enumerable.Range(0, perWriter * 2).Select(_ => new DepositFunds(Bank.CommandId(), 1m)).ToList();

        var results = await Task.WhenAll(commands.Select((command, i) => i % 2 == 0 ? account.Deposit(command) : twin.Deposit(command)));

        // A command may give up after repeated collisions (and says so); whatever was acknowledged is stored once.
        Assert.All(results, r => Assert.True(r.Accepted || r.Error?.Code == "concurrency_conflict", r.Error?.ToString()));
        var acknowledged = commands.Where((_, i) => results[i].Accepted).Select(c => c.CommandId).ToList();
        Assert.True(acknowledged.Count >= perWriter, $"only {acknowledged.Count} of {commands.Count} commands got through");
        var stored = await ReadStreamAsync(id);
        Assert.Equal(Enumerable.Range(1, 1 + acknowledged.Count).Select(v => (long)v), stored.Select(e => e.StreamVersion));
        Assert.Equal(acknowledged.Order(), stored.Skip(1).Select(e => e.Metadata.CommandId).Order());
        // Each grain's view is current as of its own last write; a fresh load shows both writers' events.
        await cluster.DeactivateAllAsync();
        Assert.Equal(acknowledged.Count, (await account.GetDetails()).Balance);
        Assert.Equal(acknowledged.Count, (await twin.GetDetails()).Balance);
    }

    [Fact]
    public async Task Invariant_holds_when_two_grains_race_to_withdraw()
    {
        var id = await _bank.OpenAccountAsync(deposit: 10m);
        var account = _bank.Account(id);
        var twin = cluster.Grains.GetGrain<IAccountTwinGrain>(id);
        await twin.GetDetails();

        // Both see 10.00; only one withdrawal of 10.00 can be decided on the stream's current state.
        var results = await Task.WhenAll(
            account.Withdraw(new WithdrawFunds(Bank.CommandId(), 10m)),
            twin.Withdraw(new WithdrawFunds(Bank.CommandId(), 10m)));
        var twinDeposit = await twin.Deposit(new DepositFunds(Bank.CommandId(), 1m));

        Assert.Single(results, r => r.Accepted);
        Assert.Single(results, r => r.Error?.Code == BankingErrors.InsufficientFunds);
        Assert.True(twinDeposit.Accepted);
        await cluster.DeactivateAllAsync();
        Assert.Equal(1m, (await account.GetDetails()).Balance);
    }

    [Fact]
    public async Task Grain_catches_up_with_an_outside_writer_and_decides_on_the_new_state()
    {
        var id = await _bank.OpenAccountAsync(deposit: 10m);
        var account = _bank.Account(id);
        await account.GetDetails();
        await using var outside = cluster.Database.CreateStore(BankingEventTypes.Create());
        await outside.AppendAsync("default", $"account-{id}", ExpectedVersion.Exactly(2), [new NewEvent(new FundsWithdrawn(10m))]);

        var refused = await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 5m));
        var deposited = await account.Deposit(new DepositFunds(Bank.CommandId(), 5m));

        Assert.Equal(BankingErrors.InsufficientFunds, refused.Error?.Code);
        Assert.Equal(4, deposited.Version);
        Assert.Equal(5m, (await account.GetDetails()).Balance);
    }

    [Fact]
    public async Task RetrieveConfirmedEvents_returns_the_requested_range_from_the_store()
    {
        var id = await _bank.OpenAccountAsync(deposit: 10m);
        await _bank.Account(id).Withdraw(new WithdrawFunds(Bank.CommandId(), 3m));
        var twin = cluster.Grains.GetGrain<IAccountTwinGrain>(id);
        await twin.GetDetails();

        var all = await twin.RetrieveConfirmedEventNames(0, 3);
        var middle = await twin.RetrieveConfirmedEventNames(1, 2);

        Assert.Equal(["AccountOpened", "FundsDeposited", "FundsWithdrawn"], all);
        Assert.Equal(["FundsDeposited"], middle);
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string accountId)
    {
        await using var store = cluster.Database.CreateStore(BankingEventTypes.Create());
        return await store.ReadStreamAsync("default", $"account-{accountId}", 1, 10_000);
    }
}
