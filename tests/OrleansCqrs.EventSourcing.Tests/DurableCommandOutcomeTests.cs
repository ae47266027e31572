using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

/// <summary>A command id, once applied, is answered from the store's durable record however old: never decided again.</summary>
[Collection(BankingClusterCollection.Name)]
public sealed class DurableCommandOutcomeTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task A_command_retried_1000_commands_later_returns_its_original_outcome()
    {
        var id = await _bank.OpenAccountAsync(deposit: 100m);   // versions 1, 2
        var account = _bank.Account(id);
        var withdrawal = new WithdrawFunds(Bank.CommandId(), 100m);
        Assert.Equal(3, (await account.Withdraw(withdrawal)).Version);
        var firstDeposit = new DepositFunds(Bank.CommandId(), 1m);
        Assert.Equal(4, (await account.Deposit(firstDeposit)).Version);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True((await account.Deposit(new DepositFunds(Bank.CommandId(), 1m))).Accepted);
        }

        // Empty the account: decided today, the old withdrawal would be refused for insufficient funds.
        Assert.True((await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 1001m))).Accepted);
        var version = (await account.GetDetails()).Version;

        foreach (var reactivate in new[] { false, true })
        {
            if (reactivate)
            {
                await cluster.DeactivateAllAsync();
            }

            var again = await account.Withdraw(withdrawal);
            Assert.True(again.WasDuplicate, again.ToString());
            Assert.Equal(3, again.Version);

            // Decided today, the old deposit would be applied a second time.
            var depositAgain = await account.Deposit(firstDeposit);
            Assert.True(depositAgain.WasDuplicate, depositAgain.ToString());
            Assert.Equal(4, depositAgain.Version);
        }

        var details = await account.GetDetails();
        Assert.Equal((version, 0m), (details.Version, details.Balance));
    }

    [Fact]
    public async Task Three_hundred_applied_commands_re_sent_at_once_are_all_answered_as_applied()
    {
        var accounts = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            accounts.Add(await _bank.OpenAccountAsync(deposit: 1000m));
        }

        var applied = new List<(string Account, WithdrawFunds Command, long Version)>();
        foreach (var account in accounts)
        {
            for (var i = 0; i < 10; i++)
            {
                var command = new WithdrawFunds(Bank.CommandId(), 10m);
                var result = await _bank.Account(account).Withdraw(command);
                Assert.True(result.Accepted);
                applied.Add((account, command, result.Version));
            }
        }

        await cluster.DeactivateAllAsync();
        var resent = await Task.WhenAll(applied.Select(a => _bank.Account(a.Account).Withdraw(a.Command)));
        Assert.All(resent.Zip(applied), pair =>
        {
            Assert.True(pair.First.WasDuplicate, pair.First.ToString());
            Assert.Equal(pair.Second.Version, pair.First.Version);
        });
        foreach (var account in accounts)
        {
            Assert.Equal(900m, (await _bank.Account(account).GetDetails()).Balance);
        }
    }
}
