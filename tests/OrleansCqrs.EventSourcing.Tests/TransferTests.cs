using OrleansCqrs.Banking;
using OrleansCqrs.Banking.Transfers;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class TransferTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    private ITransferGrain Transfer(string id) => cluster.Grains.GetGrain<ITransferGrain>(id);

    [Fact]
    public async Task Transfer_moves_the_amount_between_accounts()
    {
        var (from, to) = (await _bank.OpenAccountAsync(deposit: 100m), await _bank.OpenAccountAsync());

        var result = await Transfer(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, to, 40m));

        Assert.True(result.Command.Accepted);
        Assert.Equal(TransferStatus.Completed, result.Transfer.Status);
        Assert.Equal(60m, (await _bank.Account(from).GetDetails()).Balance);
        Assert.Equal(40m, (await _bank.Account(to).GetDetails()).Balance);
    }

    [Theory]
    [InlineData("USD", false, BankingErrors.CurrencyMismatch)]
    [InlineData("EUR", true, BankingErrors.AccountClosed)]
    public async Task Refused_credit_is_compensated_on_the_source(string destinationCurrency, bool closeDestination, string code)
    {
        var from = await _bank.OpenAccountAsync(deposit: 100m);
        var to = await _bank.OpenAccountAsync(currency: destinationCurrency);
        if (closeDestination)
        {
            Assert.True((await _bank.Account(to).Close(new Banking.Accounts.CloseAccount(Bank.CommandId()))).Accepted);
        }

        var result = await Transfer(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, to, 40m));

        Assert.Equal(TransferStatus.Compensated, result.Transfer.Status);
        Assert.Equal(code, result.Transfer.Error?.Code);
        var source = await _bank.Account(from).GetDetails();
        Assert.Equal(100m, source.Balance);
        Assert.Equal(4, source.Version); // opened, deposited, debited, debit reversed
        Assert.Equal(0m, (await _bank.Account(to).GetDetails()).Balance);
    }

    public static TheoryData<string> InvalidDestinations => new() { "acc 3", new string('a', 5000), "other/acc-1", "", "acc\n1" };

    [Theory]
    [MemberData(nameof(InvalidDestinations))]
    public async Task A_destination_no_account_can_have_is_refused_before_anything_is_debited(string destination)
    {
        var from = await _bank.OpenAccountAsync(deposit: 100m);

        var result = await Transfer(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, destination, 40m));

        Assert.Equal(BankingErrors.InvalidId, result.Command.Error?.Code);
        Assert.Equal(TransferStatus.NotStarted, result.Transfer.Status);
        var source = await _bank.Account(from).GetDetails();
        Assert.Equal((100m, 2L), (source.Balance, source.Version));
    }

    [Fact]
    public async Task A_destination_never_opened_ends_compensated()
    {
        var from = await _bank.OpenAccountAsync(deposit: 100m);

        var result = await Transfer(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, Bank.NewId("acc"), 40m));

        Assert.Equal(TransferStatus.Compensated, result.Transfer.Status);
        Assert.Equal(BankingErrors.AccountNotOpen, result.Transfer.Error?.Code);
        Assert.Equal(100m, (await _bank.Account(from).GetDetails()).Balance);
    }

    [Fact]
    public async Task A_destination_whose_stream_cannot_be_read_ends_compensated()
    {
        var from = await _bank.OpenAccountAsync(deposit: 100m);
        var to = Bank.NewId("acc");
        var writer = Banking.BankingEventTypes.Create().Register<PoisonEventTests.AuditNoted>("audit-noted-transfer-test");
        await using (var store = cluster.Database.CreateStore(writer))
        {
            await store.AppendAsync("default", $"account-{to}", EventStore.ExpectedVersion.NoStream, [new EventStore.NewEvent(new PoisonEventTests.AuditNoted("x"))]);
        }

        var result = await Transfer(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, to, 40m));

        Assert.Equal(TransferStatus.Compensated, result.Transfer.Status);
        Assert.Equal("aggregate_unreadable", result.Transfer.Error?.Code);
        Assert.Equal(100m, (await _bank.Account(from).GetDetails()).Balance);
    }

    [Fact]
    public async Task Refused_debit_fails_the_transfer_and_moves_nothing()
    {
        var (from, to) = (await _bank.OpenAccountAsync(deposit: 10m), await _bank.OpenAccountAsync());

        var result = await Transfer(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, to, 40m));

        Assert.Equal(TransferStatus.Failed, result.Transfer.Status);
        Assert.Equal(BankingErrors.InsufficientFunds, result.Transfer.Error?.Code);
        Assert.Equal(10m, (await _bank.Account(from).GetDetails()).Balance);
        Assert.Equal(0m, (await _bank.Account(to).GetDetails()).Balance);
    }

    [Fact]
    public async Task Retried_transfer_is_applied_once()
    {
        var (from, to) = (await _bank.OpenAccountAsync(deposit: 100m), await _bank.OpenAccountAsync());
        var transferId = Bank.NewId("t");
        var command = new TransferFunds(Bank.CommandId(), from, to, 25m);

        await Transfer(transferId).Execute(command);
        await cluster.DeactivateAllAsync();
        var retry = await Transfer(transferId).Execute(command);
        var sameTransferNewCommand = await Transfer(transferId).Execute(command with { CommandId = Bank.CommandId() });
        var otherTransferSameId = await Transfer(transferId).Execute(new TransferFunds(Bank.CommandId(), from, to, 26m));

        Assert.True(retry.Command.WasDuplicate);
        Assert.True(sameTransferNewCommand.Command.Accepted);
        Assert.Equal(BankingErrors.TransferIdReused, otherTransferSameId.Command.Error?.Code);
        Assert.Equal(75m, (await _bank.Account(from).GetDetails()).Balance);
        Assert.Equal(25m, (await _bank.Account(to).GetDetails()).Balance);
    }

    [Fact]
    public async Task Transfer_stopped_between_its_steps_is_finished_by_its_reminder_without_any_call()
    {
        var (from, to) = (await _bank.OpenAccountAsync(deposit: 100m), await _bank.OpenAccountAsync());
        var transferId = Bank.NewId("t");
        // The transfer cannot record that the debit happened: it stops right after the account's debit, as if its silo
        // had died there. (A refused *credit* is compensated instead: see the tests above.)
        await cluster.Database.ExecuteAsOwnerAsync($$"""
            create function pg_temp_refuse() returns trigger language plpgsql as $f$ begin raise exception 'refused for the test'; end $f$;
            create trigger refuse_credit before insert on eventstore.events for each row
                when (new.stream_id = 'transfer-{{transferId}}' and new.event_type = 'TransferDebitRecorded') execute function pg_temp_refuse();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Transfer(transferId).Execute(new TransferFunds(Bank.CommandId(), from, to, 25m)));
            Assert.Equal(75m, (await _bank.Account(from).GetDetails()).Balance);
            var open = await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).ListUnfinishedTransfers("default", 1000);
            Assert.Contains(open, t => t.TransferId == transferId && t.LastStep == "TransferRequested");
        }
        finally
        {
            await cluster.Database.ExecuteAsOwnerAsync("drop trigger refuse_credit on eventstore.events; drop function pg_temp_refuse()");
        }

        // Nobody calls the transfer again: its reminder drives it on.
        await using var store = cluster.Database.CreateStore(Banking.BankingEventTypes.Create());
        await Poll.UntilAsync(
            async () => (await store.ReadStreamAsync("default", $"transfer-{transferId}", 1, 100)).Any(e => e.Data is TransferCreditRecorded),
            TimeSpan.FromSeconds(30), "the reminder to complete the transfer");
        Assert.Equal(25m, (await _bank.Account(to).GetDetails()).Balance);
        Assert.Equal(TransferStatus.Completed, (await Transfer(transferId).GetDetails()).Status);
        Assert.DoesNotContain(
            await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).ListUnfinishedTransfers("default", 1000),
            t => t.TransferId == transferId);
    }

    [Fact]
    public async Task Account_steps_are_idempotent_by_their_derived_command_ids()
    {
        var (from, to) = (await _bank.OpenAccountAsync(deposit: 100m), await _bank.OpenAccountAsync());
        var transferId = Bank.NewId("t");
        await Transfer(transferId).Execute(new TransferFunds(Bank.CommandId(), from, to, 10m));

        // A process that crashed after the debit and resent it would send exactly this.
        var resent = await _bank.Account(from).Debit(new Banking.Accounts.DebitForTransfer($"{transferId}:debit", transferId, to, 10m, "EUR"));

        Assert.True(resent.WasDuplicate);
        Assert.Equal(90m, (await _bank.Account(from).GetDetails()).Balance);
    }
}
