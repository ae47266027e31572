using CsCheck;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Tests;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class GrainPropertyTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task Grain_reports_the_state_pure_replay_of_its_stored_events_gives()
    {
        foreach (var scenario in AccountCommandsGen.Scenario.Array[12].Single())
        {
            var customer = await _bank.RegisteredCustomerAsync();
            var id = Bank.NewId("acc");
            var account = _bank.Account(id);
            var open = scenario.Open with { CustomerId = customer };
            var expected = AccountPropertyTests.Run(open with { CustomerId = customer }, scenario.Commands).State;

            Assert.True((await account.Open(open)).Accepted);
            foreach (var command in scenario.Commands)
            {
                await (command switch
                {
                    DepositFunds deposit => account.Deposit(deposit),
                    WithdrawFunds withdraw => account.Withdraw(withdraw),
                    CloseAccount close => account.Close(close),
                    _ => throw new ArgumentOutOfRangeException(nameof(command)),
                });
            }

            var live = await account.GetDetails();
            await cluster.DeactivateAllAsync();
            var reloaded = await account.GetDetails();
            await using var store = cluster.Database.CreateStore(Banking.BankingEventTypes.Create());
            var stored = await store.ReadStreamAsync("default", $"account-{id}", 1, 1000);
            var replayed = stored.Select(e => (IAccountEvent)e.Data).Aggregate(AccountState.Initial, Account.Evolve);

            Assert.Equal(AccountGrain.ToDetails(id, expected, stored.Count), live);
            Assert.Equal(live, reloaded);
            Assert.Equal(expected, replayed);
        }
    }
}
