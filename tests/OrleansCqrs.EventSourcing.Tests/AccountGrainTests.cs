using OrleansCqrs.Banking;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class AccountGrainTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    [Fact]
    public async Task Commands_change_the_account_and_store_one_event_each()
    {
        var id = await _bank.OpenAccountAsync(deposit: 100m, overdraft: 20m);
        var account = _bank.Account(id);

        var withdrawn = await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 110m));

        Assert.True(withdrawn.Accepted);
        Assert.Equal(3, withdrawn.Version);
        var details = await account.GetDetails();
        Assert.Equal((AccountStatus.Open, -10m, "EUR", 20m, 3L), (details.Status, details.Balance, details.Currency, details.OverdraftLimit, details.Version));
        Assert.Equal(3, await cluster.Database.CountEventsAsync("default", $"account-{id}"));
    }

    [Fact]
    public async Task Refused_commands_return_their_code_and_write_nothing()
    {
        var id = await _bank.OpenAccountAsync(deposit: 50m);
        var account = _bank.Account(id);

        var overdrawn = await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 50.01m));
        var badAmount = await account.Deposit(new DepositFunds(Bank.CommandId(), 1.001m));
        var notEmpty = await account.Close(new CloseAccount(Bank.CommandId()));
        var reopened = await account.Open(new OpenAccount(Bank.CommandId(), "anyone", "EUR"));
        var unknownCustomer = await _bank.Account(Bank.NewId("acc")).Open(new OpenAccount(Bank.CommandId(), "nobody-" + Bank.CommandId(), "EUR"));

        Assert.Equal(BankingErrors.InsufficientFunds, overdrawn.Error?.Code);
        Assert.Equal(BankingErrors.InvalidAmount, badAmount.Error?.Code);
        Assert.Equal(BankingErrors.BalanceNotZero, notEmpty.Error?.Code);
        Assert.Equal(BankingErrors.AccountAlreadyOpen, reopened.Error?.Code);
        Assert.Equal(BankingErrors.CustomerNotFound, unknownCustomer.Error?.Code);
        Assert.Equal(2, await cluster.Database.CountEventsAsync("default", $"account-{id}"));
    }

    [Fact]
    public async Task Closed_account_refuses_everything_but_shows_its_state()
    {
        var id = await _bank.OpenAccountAsync(deposit: 10m);
        var account = _bank.Account(id);
        Assert.True((await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 10m))).Accepted);
        Assert.True((await account.Close(new CloseAccount(Bank.CommandId()))).Accepted);

        var deposit = await account.Deposit(new DepositFunds(Bank.CommandId(), 1m));

        Assert.Equal(BankingErrors.AccountClosed, deposit.Error?.Code);
        Assert.Equal(AccountStatus.Closed, (await account.GetDetails()).Status);
    }

    [Fact]
    public async Task Retried_command_returns_the_first_outcome_and_is_applied_once_even_after_reactivation()
    {
        var id = await _bank.OpenAccountAsync(deposit: 10m);
        var account = _bank.Account(id);
        var deposit = new DepositFunds(Bank.CommandId(), 5m);

        var first = await account.Deposit(deposit);
        var retry = await account.Deposit(deposit);
        await cluster.DeactivateAllAsync();
        var retryAfterReactivation = await account.Deposit(deposit);

        Assert.Equal((true, false, 3L), (first.Accepted, first.WasDuplicate, first.Version));
        Assert.Equal((true, true, 3L), (retry.Accepted, retry.WasDuplicate, retry.Version));
        Assert.Equal((true, true, 3L), (retryAfterReactivation.Accepted, retryAfterReactivation.WasDuplicate, retryAfterReactivation.Version));
        Assert.Equal(15m, (await account.GetDetails()).Balance);
        Assert.Equal(3, await cluster.Database.CountEventsAsync("default", $"account-{id}"));
    }

    [Fact]
    public async Task Deactivated_and_reactivated_grain_has_identical_state()
    {
        var id = await _bank.OpenAccountAsync(deposit: 70m, overdraft: 30m);
        var account = _bank.Account(id);
        for (var i = 0; i < 20; i++)
        {
            await account.Withdraw(new WithdrawFunds(Bank.CommandId(), 4.5m));
        }

        var before = await account.GetDetails();
        await cluster.DeactivateAllAsync();
        var after = await account.GetDetails();

        Assert.Equal(before, after);
        Assert.Equal(70m - 20 * 4.5m, after.Balance);
    }

    [Fact]
    public async Task Invalid_command_id_is_refused_with_its_code()
    {
        var id = await _bank.OpenAccountAsync();

        var result = await _bank.Account(id).Deposit(new DepositFunds("has spaces", 1m));

        Assert.Equal("invalid_command_id", result.Error?.Code);
    }

    [Fact]
    public async Task Invalid_aggregate_id_fails_with_a_typed_error()
    {
        var error = await Assert.ThrowsAsync<InvalidAggregateIdException>(() => _bank.Account("not valid!").GetDetails());

        Assert.Equal("invalid_aggregate_id", error.Code);
        Assert.Contains("not a valid aggregate id", error.Message);
    }

    [Fact]
    public async Task Tenants_keep_separate_accounts_under_one_id()
    {
        var id = Bank.NewId("acc");
        var customer = Bank.NewId("cust");
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            var grains = cluster.Grains;
            await grains.GetGrain<Banking.Customers.ICustomerGrain>(AggregateKey.For(tenant, customer))
                .Register(new Banking.Customers.RegisterCustomer(Bank.CommandId(), "T", "t@example.com"));
            await grains.GetGrain<IAccountGrain>(AggregateKey.For(tenant, id)).Open(new OpenAccount(Bank.CommandId(), customer, "EUR"));
        }

        await cluster.Grains.GetGrain<IAccountGrain>(AggregateKey.For("tenant-a", id)).Deposit(new DepositFunds(Bank.CommandId(), 9m));

        Assert.Equal(9m, (await cluster.Grains.GetGrain<IAccountGrain>(AggregateKey.For("tenant-a", id)).GetDetails()).Balance);
        Assert.Equal(0m, (await cluster.Grains.GetGrain<IAccountGrain>(AggregateKey.For("tenant-b", id)).GetDetails()).Balance);
        Assert.Equal(2, await cluster.Database.CountEventsAsync("tenant-a", $"account-{id}"));
        Assert.Equal(1, await cluster.Database.CountEventsAsync("tenant-b", $"account-{id}"));
    }
}
