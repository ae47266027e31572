using System.CommandLine;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Queries;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Client;

/// <summary>cqrs account open|deposit|withdraw|close|show</summary>
internal static class AccountCommands
{
    public static Command Create()
    {
        var account = new Command("account", "Open, use, close and look up accounts.");
        var id = InputArguments.Id("account-id", "The account");
        var amount = InputArguments.Amount("amount", "Amount in the account's currency.");

        var customer = new Option<string>("--customer") { Required = true, Description = "The registered customer who owns the account." };
        var currency = new Option<string>("--currency") { Required = true, Description = "ISO 4217 code, fixed for the account's life (EUR, USD…)." };
        var overdraft = InputArguments.AmountOption("--overdraft", "How far below zero the balance may go.");
        var open = new Command("open", "Open an account.") { id, customer, currency, overdraft, GlobalOptions.CommandId };
        open.SetAction((parse, token) => Run(parse, token, id, "open account", (grain, commandId) =>
            grain.Open(new OpenAccount(commandId, parse.GetValue(customer)!, parse.GetValue(currency)!, parse.GetValue(overdraft)))));

        var deposit = new Command("deposit", "Deposit funds.") { id, amount, GlobalOptions.CommandId };
        deposit.SetAction((parse, token) => Run(parse, token, id, "deposit", (grain, commandId) =>
            grain.Deposit(new DepositFunds(commandId, parse.GetValue(amount)))));

        var withdraw = new Command("withdraw", "Withdraw funds.") { id, amount, GlobalOptions.CommandId };
        withdraw.SetAction((parse, token) => Run(parse, token, id, "withdraw", (grain, commandId) =>
            grain.Withdraw(new WithdrawFunds(commandId, parse.GetValue(amount)))));

        var close = new Command("close", "Close an account (its balance must be zero).") { id, GlobalOptions.CommandId };
        close.SetAction((parse, token) => Run(parse, token, id, "close account", (grain, commandId) =>
            grain.Close(new CloseAccount(commandId))));

        var state = new Command("state", "Show the account aggregate's own state (always current).") { id };
        state.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var details = await session.Grain<IAccountGrain>(parse.GetValue(id)!).GetDetails();
            if (details.Status == AccountStatus.NotOpened)
            {
                session.Output.Failure("not_found", Describe(details) + ".");
                return ExitCodes.NotFound;
            }

            session.Output.Value(details, () => Describe(details));
            return ExitCodes.Done;
        }));

        var recent = InputArguments.Count("--transactions", "How many recent transactions to list", 10, 1000);
        var show = new Command("show", "Show an account from the read models: summary and recent transactions (eventually consistent).") { id, recent };
        show.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var accountId = parse.GetValue(id)!;
            var view = await session.Cluster.GetGrain<IBankingQueriesGrain>(0).GetAccount(session.Tenant, accountId, parse.GetValue(recent));
            if (view is null)
            {
                session.Output.Failure("not_found", $"Account {accountId} is not in the read model (not opened, or not projected yet).");
                return ExitCodes.NotFound;
            }

            session.Output.Value(view, () => DescribeView(view));
            return ExitCodes.Done;
        }));

        account.Subcommands.Add(open);
        account.Subcommands.Add(deposit);
        account.Subcommands.Add(withdraw);
        account.Subcommands.Add(close);
        account.Subcommands.Add(show);
        account.Subcommands.Add(state);
        return account;
    }

    public static string Describe(AccountDetails account) => account.Status == AccountStatus.NotOpened
        ? $"account {account.AccountId} has not been opened"
        : $"account {account.AccountId}: {account.Status.ToString().ToLowerInvariant()}, balance {account.Balance:0.00} {account.Currency}" +
          $" (overdraft limit {account.OverdraftLimit:0.00}), customer {account.CustomerId}, version {account.Version}";

    private static string DescribeView(AccountView view) =>
        $"account {view.AccountId}: {view.Status}, balance {view.Balance:0.00} {view.Currency} (overdraft limit {view.OverdraftLimit:0.00}), " +
        $"customer {view.CustomerId}, last activity {view.LastActivity:yyyy-MM-dd HH:mm:ss}, version {view.Version}" +
        string.Concat(view.RecentTransactions.Select(t =>
            $"{Environment.NewLine}  {t.Version,5}  {t.RecordedAt:yyyy-MM-dd HH:mm:ss}  {t.Kind,-17} {t.Amount,12:0.00}  balance {t.BalanceAfter,12:0.00}" +
            (t.Counterparty is null ? "" : $"  {t.Counterparty}")));

    private static Task<int> Run(
        ParseResult parse, CancellationToken token, Argument<string> id, string what, Func<IAccountGrain, string, Task<CommandResult>> send) =>
        ClientSession.RunAsync(parse, token, async session =>
        {
            var accountId = parse.GetValue(id)!;
            var grain = session.Grain<IAccountGrain>(accountId);
            var result = await send(grain, parse.GetValue(GlobalOptions.CommandId) ?? ClientSession.NewCommandId());
            return session.Output.Result($"{what} {accountId}", result, result.Accepted ? await grain.GetDetails() : null);
        });
}
