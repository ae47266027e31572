using System.CommandLine;
using OrleansCqrs.Banking;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.Banking.Queries;
using OrleansCqrs.Banking.Transfers;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Client;

/// <summary>
/// cqrs demo: a scripted scenario against a running silo that shows the domain at work and checks
/// each outcome it prints — a refused overdraft, a transfer, a compensated transfer, a retried command.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var demo = new Command("demo", "Run a scripted banking scenario against the cluster and check its outcomes.");
        demo.SetAction((parse, token) => ClientSession.RunAsync(parse, token, RunAsync));
        return demo;
    }

    private static async Task<int> RunAsync(ClientSession session)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var script = new DemoScript(session);
        var (alice, bob) = ($"alice-{run}", $"bob-{run}");
        var (aliceEur, bobEur, bobUsd) = ($"acc-{run}-alice-eur", $"acc-{run}-bob-eur", $"acc-{run}-bob-usd");

        script.Step("Register two customers");
        await script.Expect(session.Grain<ICustomerGrain>(alice).Register(new RegisterCustomer(Id(), "Alice Example", $"alice.{run}@example.com")), $"register {alice}");
        await script.Expect(session.Grain<ICustomerGrain>(bob).Register(new RegisterCustomer(Id(), "Bob Example", $"bob.{run}@example.com")), $"register {bob}");

        script.Step("Open accounts: Alice in EUR with a 50.00 overdraft, Bob one in EUR and one in USD");
        await script.Expect(Account(aliceEur).Open(new OpenAccount(Id(), alice, "EUR", 50m)), $"open {aliceEur}");
        await script.Expect(Account(bobEur).Open(new OpenAccount(Id(), bob, "EUR")), $"open {bobEur}");
        await script.Expect(Account(bobUsd).Open(new OpenAccount(Id(), bob, "USD")), $"open {bobUsd}");

        script.Step("Deposit 100.00 EUR for Alice");
        await script.Expect(Account(aliceEur).Deposit(new DepositFunds(Id(), 100m)), $"deposit 100.00 into {aliceEur}");

        script.Step("Withdraw 500.00 EUR: more than balance + overdraft, so it is refused");
        await script.ExpectRefused(Account(aliceEur).Withdraw(new WithdrawFunds(Id(), 500m)), $"withdraw 500.00 from {aliceEur}", BankingErrors.InsufficientFunds);

        script.Step("Transfer 30.00 EUR from Alice to Bob's EUR account");
        await script.ExpectTransfer(
            session.Grain<ITransferGrain>($"t-{run}-1").Execute(new TransferFunds(Id(), aliceEur, bobEur, 30m)), TransferStatus.Completed);

        script.Step("Transfer 20.00 EUR to Bob's USD account: the credit is refused, Alice's debit is reversed");
        await script.ExpectTransfer(
            session.Grain<ITransferGrain>($"t-{run}-2").Execute(new TransferFunds(Id(), aliceEur, bobUsd, 20m)), TransferStatus.Compensated);

        script.Step("Deposit 25.00 EUR for Bob, then send the very same command again (a client retry)");
        var retried = new DepositFunds(Id(), 25m);
        await script.Expect(Account(bobEur).Deposit(retried), $"deposit 25.00 into {bobEur}");
        var again = await script.Expect(Account(bobEur).Deposit(retried), $"retry of the same deposit");
        script.Check(again.WasDuplicate, "the retry was recognised and not applied twice");

        script.Step("Final balances");
        await script.ExpectBalance(Account(aliceEur), 70m);
        await script.ExpectBalance(Account(bobEur), 55m);
        await script.ExpectBalance(Account(bobUsd), 0m);

        script.Step("Read models, fed from the log (cqrs account show, cqrs customers list, cqrs totals)");
        await script.ExpectReadModel(aliceEur, 70m);
        foreach (var total in await session.Cluster.GetGrain<IBankingQueriesGrain>(0).GetDailyTotals(session.Tenant, 1))
        {
            session.Output.Line($"  today in {total.Currency} (every run so far): deposited {total.Deposited:0.00}, transferred {total.Transferred:0.00}, {total.Movements} movements");
        }

        script.Step($"History of {aliceEur} (cqrs history account {aliceEur})");
        foreach (var stored in await Account(aliceEur).GetHistory(1, 100))
        {
            session.Output.Line($"  {stored.StreamVersion,3}  {stored.EventType,-22} {stored.Data}");
        }

        return script.Finish();

        IAccountGrain Account(string id) => session.Grain<IAccountGrain>(id);
    }

    private static string Id() => ClientSession.NewCommandId();

    /// <summary>Prints each step's outcome and remembers whether each matched what the demo expects.</summary>
    private sealed class DemoScript(ClientSession session)
    {
        private readonly List<string> _surprises = [];

        public void Step(string title) => session.Output.Line($"{Environment.NewLine}== {title}");

        public async Task<CommandResult> Expect(Task<CommandResult> sent, string what)
        {
            var result = await sent;
            Print(what, result);
            Check(result.Accepted, $"{what} is accepted");
            return result;
        }

        public async Task ExpectRefused(Task<CommandResult> sent, string what, string code)
        {
            var result = await sent;
            Print(what, result);
            Check(result.Error?.Code == code, $"{what} is refused with {code}");
        }

        public async Task ExpectTransfer(Task<TransferResult> sent, TransferStatus expected)
        {
            var result = await sent;
            session.Output.Line($"  {TransferCommands.Describe(result.Transfer)}");
            Check(result.Transfer.Status == expected, $"transfer {result.Transfer.TransferId} ends {expected}");
        }

        public async Task ExpectBalance(IAccountGrain account, decimal expected)
        {
            var details = await account.GetDetails();
            session.Output.Line($"  {AccountCommands.Describe(details)}");
            Check(details.Balance == expected, $"{details.AccountId} holds {expected:0.00}");
        }

        /// <summary>Read models trail the aggregates by a few milliseconds: wait (bounded) for the summary to agree.</summary>
        public async Task ExpectReadModel(string accountId, decimal balance)
        {
            var queries = session.Cluster.GetGrain<IBankingQueriesGrain>(0);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            AccountView? view;
            while ((view = await queries.GetAccount(session.Tenant, accountId, 5)) is null || view.Balance != balance)
            {
                if (DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(50);
            }

            session.Output.Line(view is null
                ? $"  account {accountId} is not in the read model"
                : $"  account {accountId} in the read model: balance {view.Balance:0.00} {view.Currency}, version {view.Version}, " +
                  $"last movements: {string.Join(", ", view.RecentTransactions.Select(t => $"{t.Kind} {t.Amount:0.00}"))}");
            Check(view?.Balance == balance, $"the account-summary read model shows {balance:0.00} for {accountId}");
        }

        public void Check(bool holds, string expectation)
        {
            if (!holds)
            {
                _surprises.Add(expectation);
                session.Output.Line($"  UNEXPECTED: expected {expectation}");
            }
        }

        public int Finish()
        {
            if (session.Output.IsJson)
            {
                session.Output.Write(new { demo = _surprises.Count == 0 ? "passed" : "failed", surprises = _surprises });
            }
            else
            {
                session.Output.Line(_surprises.Count == 0
                    ? $"{Environment.NewLine}Demo finished: every outcome was as expected."
                    : $"{Environment.NewLine}Demo finished with {_surprises.Count} unexpected outcome(s).");
            }

            return _surprises.Count == 0 ? ExitCodes.Done : ExitCodes.Retry;
        }

        private void Print(string what, CommandResult result) => session.Output.Line(result.Error is { } error
            ? $"  {what}: refused [{error.Code}] {error.Message}"
            : $"  {what}: ok, version {result.Version}{(result.WasDuplicate ? " (already applied: nothing new written)" : "")}");
    }
}
