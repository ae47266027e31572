using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Transfers;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class ProjectionTests(BankingCluster cluster)
{
    private readonly Bank _bank = new(cluster.Grains);

    private IProjectionsGrain Projections => cluster.Grains.GetGrain<IProjectionsGrain>(0);

    [Fact]
    public async Task Read_models_follow_the_commands()
    {
        var (from, to) = (await _bank.OpenAccountAsync(deposit: 100m), await _bank.OpenAccountAsync());
        await cluster.Grains.GetGrain<ITransferGrain>(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, to, 30m));
        var queries = cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0);

        await Poll.UntilAsync(async () => (await queries.GetAccount("default", to, 10))?.Balance == 30m, TimeSpan.FromSeconds(30), "the credit in the summary");
        // The two accounts are projected independently: the credit can show before the debit does.
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
        var source = await queries.GetAccount("default", from, 10);

        Assert.Equal(70m, source!.Balance);
        Assert.Equal(["transfer_out", "deposit", "opened"], source.RecentTransactions.Select(t => t.Kind));
        Assert.Equal([70m, 100m, 0m], source.RecentTransactions.Select(t => t.BalanceAfter));
        var customer = (await _bank.Account(from).GetDetails()).CustomerId;
        var listed = await queries.ListCustomers("default", null, 1000);
        Assert.Contains(listed, c => c.CustomerId == customer && c.AccountIds.SequenceEqual([from]));
        Assert.NotEmpty(await queries.GetDailyTotals("default", 1));
    }

    [Fact]
    public async Task Rebuild_from_empty_equals_the_live_read_models_row_for_row()
    {
        for (var i = 0; i < 3; i++)
        {
            var (from, to, usd) = (await _bank.OpenAccountAsync(deposit: 50m), await _bank.OpenAccountAsync(), await _bank.OpenAccountAsync(currency: "USD"));
            await _bank.Account(from).Withdraw(new WithdrawFunds(Bank.CommandId(), 5m));
            await cluster.Grains.GetGrain<ITransferGrain>(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, to, 10m));
            await cluster.Grains.GetGrain<ITransferGrain>(Bank.NewId("t")).Execute(new TransferFunds(Bank.CommandId(), from, usd, 10m));
        }

        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
        var live = new Dictionary<string, List<string>>();
        foreach (var table in ReadModelAssertions.ReadModelTables)
        {
            live[table] = await ReadModelAssertions.DumpAsync(cluster.Database, table);
        }

        foreach (var name in new[] { "account-summary", "account-transactions", "customer-directory", "daily-totals" })
        {
            await RebuildAsync(name);
        }

        foreach (var table in ReadModelAssertions.ReadModelTables)
        {
            Assert.NotEmpty(live[table]);
            Assert.Equal(live[table], await ReadModelAssertions.DumpAsync(cluster.Database, table));
        }
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_deliveries_converge_to_the_in_order_rows()
    {
        // A stream no subscription listens to, handed to the projection grains by hand in a scrambled order.
        var id = Bank.NewId("scr");
        await using var store = cluster.Database.CreateStore(Banking.BankingEventTypes.Create());
        var appended = new List<EventStore.NewEvent> { new(new AccountOpened("c", "EUR", 10m)) };
        appended.AddRange(Enumerable.Range(1, 6).Select(i => new EventStore.NewEvent(i % 3 == 0 ? new FundsWithdrawn(i) : new FundsDeposited(i * 10m))));
        await store.AppendAsync("default", $"scrambled-{id}", EventStore.ExpectedVersion.NoStream, appended);
        var events = (await store.ReadStreamAsync("default", $"scrambled-{id}", 1, 100)).Select(Streams.ProjectedEvent.From).ToList();
        int[] order = [3, 1, 3, 2, 6, 4, 5, 5, 1, 7, 7, 2];
        var summary = cluster.Grains.GetGrain<IAggregateProjectionGrain>(id, "OrleansCqrs.Banking.ReadModels.AccountSummary.AccountSummaryProjectionGrain");
        var ledger = cluster.Grains.GetGrain<IAggregateProjectionGrain>(id, "OrleansCqrs.Banking.ReadModels.AccountTransactions.AccountTransactionsProjectionGrain");

        foreach (var version in order)
        {
            await summary.Deliver(events[version - 1]);
            await ledger.Deliver(events[version - 1]);
        }

        var inOrder = events.Aggregate(
            Banking.ReadModels.AccountSummary.AccountSummaryRow.Empty("default", id), Banking.ReadModels.AccountSummary.AccountSummaryProjection.Apply);
        var view = await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).GetAccount("default", id, 100);
        Assert.Equal((inOrder.Balance, inOrder.Version, inOrder.Status), (view!.Balance, view.Version, view.Status));
        Assert.Equal(Enumerable.Range(1, 7).Reverse().Select(v => (long)v), view.RecentTransactions.Select(t => t.Version));
        Assert.Equal(inOrder.Balance, view.RecentTransactions[0].BalanceAfter);
    }

    [Fact]
    public async Task Paused_projection_resumes_from_its_checkpoint_and_applies_each_event_once()
    {
        var account = await _bank.OpenAccountAsync();
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
        var before = await TodaysEurDepositsAsync();

        await Projections.SetPaused("daily-totals", true);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await _bank.Account(account).Deposit(new DepositFunds(Bank.CommandId(), 2m));
            }

            await Poll.UntilAsync(
                async () => (await Projections.GetStatus()).Single(s => s.Name == "daily-totals").EventsBehind >= 5,
                TimeSpan.FromSeconds(30), "the paused projection to fall behind");
            Assert.Equal(before, await TodaysEurDepositsAsync());
        }
        finally
        {
            await Projections.SetPaused("daily-totals", false);
        }

        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
        Assert.Equal(before + 10m, await TodaysEurDepositsAsync());
    }

    [Fact]
    public async Task Rebuild_interrupted_after_a_chunk_resumes_from_it_and_ends_equal_to_live()
    {
        for (var i = 0; i < 6; i++)
        {
            await _bank.OpenAccountAsync(deposit: 10m);
        }

        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
        var live = await ReadModelAssertions.DumpAsync(cluster.Database, "customer_directory");
        await using var dataSource = EventStore.Postgres.EventStoreDataSource.Create(cluster.Database.ApplicationConnectionString);
        await using var store = new EventStore.Postgres.PostgresEventStore(dataSource, Banking.BankingEventTypes.Create());
        var smallChunks = Microsoft.Extensions.Options.Options.Create(new ProjectionOptions { RebuildPageSize = 10, RebuildChunkEvents = 10 });
        var model = new Banking.ReadModels.CustomerDirectory.CustomerDirectoryReadModel();

        // The first run "crashes" once its first chunk is committed.
        using var crash = new CancellationTokenSource();
        var first = new ProjectionRebuilder(store, dataSource, smallChunks);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            first.RunAsync(model, progress => { if (progress.EventsApplied > 0) crash.Cancel(); }, crash.Token));
        Assert.Contains(model.Name, await first.UnfinishedAsync(CancellationToken.None));

        var reports = new List<RebuildProgress>();
        await new ProjectionRebuilder(store, dataSource, smallChunks).RunAsync(model, reports.Add, CancellationToken.None);

        Assert.True(reports[0].EventsApplied >= 10, $"the second run started from {reports[0].EventsApplied} events, not from its last chunk");
        Assert.True(reports[^1].Finished);
        Assert.Equal(live, await ReadModelAssertions.DumpAsync(cluster.Database, "customer_directory"));
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
    }

    [Fact]
    public async Task Projection_whose_writes_are_refused_lets_the_stream_move_on_and_catches_up_from_the_store()
    {
        var account = await _bank.OpenAccountAsync();
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
        using var failed = new Snapshots.CounterReading("orleanscqrs.projection.write_failures");
        await cluster.Database.ExecuteAsOwnerAsync($$"""
            create function refuse_ledger_row() returns trigger language plpgsql as $f$ begin raise exception 'refused for the test'; end $f$;
            create trigger refuse_ledger_row before insert on readmodels.account_transactions for each row
                when (new.account_id = '{{account}}') execute function refuse_ledger_row();
            """);
        try
        {
            // One event: a later one would fill the gap on its own delivery, and this test is about the last one.
            await _bank.Account(account).Deposit(new DepositFunds(Bank.CommandId(), 10m));
            await Poll.UntilAsync(() => Task.FromResult(failed.Total() > 0), TimeSpan.FromSeconds(30), "the ledger projection to fail");

            // Its catch-up reminder owns the event now: the partitions' checkpoints are not held behind it.
            await Poll.UntilAsync(() => Sql.ScalarAsync<bool>(cluster.Database.OwnerConnectionString, """
                    select bool_and((c.transaction_id, c.position) >= (e.transaction_id, e.global_position))
                    from projections.partition_checkpoints c, eventstore.events e where e.stream_id = $1 and e.stream_version = 2
                    """, $"account-{account}"),
                TimeSpan.FromSeconds(30), "the partition checkpoints to pass the refused event");
            Assert.Equal([1L], await LedgerVersionsAsync(account));
        }
        finally
        {
            await cluster.Database.ExecuteAsOwnerAsync("drop trigger refuse_ledger_row on readmodels.account_transactions; drop function refuse_ledger_row()");
        }

        // No event follows for this account, and the provider has moved on: only the catch-up can complete its ledger.
        await Poll.UntilAsync(
            async () => (await LedgerVersionsAsync(account)).Count == 2, TimeSpan.FromSeconds(30), "the ledger to catch up from the store");
        Assert.Equal([1L, 2L], await LedgerVersionsAsync(account));
        var ledger = await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).GetAccount("default", account, 10);
        Assert.Equal([10m, 0m], ledger!.RecentTransactions.Select(t => t.BalanceAfter));
    }

    [Fact]
    public async Task Unknown_read_model_is_refused_with_the_known_names()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Projections.StartRebuild("no-such-model"));

        Assert.Contains("account-summary", error.Message);
    }

    private Task<List<long>> LedgerVersionsAsync(string account) =>
        Sql.ColumnAsync<long>(cluster.Database.OwnerConnectionString,
            "select version from readmodels.account_transactions where account_id = $1 order by version", account);

    private async Task<decimal> TodaysEurDepositsAsync() =>
        (await cluster.Grains.GetGrain<Banking.Queries.IBankingQueriesGrain>(0).GetDailyTotals("default", 1))
            .Where(t => t.Currency == "EUR").Sum(t => t.Deposited);

    private async Task RebuildAsync(string name)
    {
        await Projections.StartRebuild(name);
        await Poll.UntilAsync(async () =>
        {
            var progress = await Projections.GetRebuild(name);
            Assert.Null(progress?.Error);
            return progress?.Finished == true;
        }, TimeSpan.FromSeconds(60), $"the rebuild of {name}");
    }
}
