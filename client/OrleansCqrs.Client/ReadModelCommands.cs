using System.CommandLine;
using OrleansCqrs.Banking.Queries;

namespace OrleansCqrs.Client;

/// <summary>cqrs customers list, cqrs totals: queries of the cross-aggregate read models.</summary>
internal static class ReadModelCommands
{
    public static Command Customers()
    {
        var after = new Option<string?>("--after") { Description = "List customers whose id sorts after this one (paging)." };
        var limit = InputArguments.Count("--limit", "At most this many", 50, 10_000);
        var list = new Command("list", "List customers with their accounts (customer-directory read model).") { after, limit };
        list.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var customers = await session.Cluster.GetGrain<IBankingQueriesGrain>(0).ListCustomers(session.Tenant, parse.GetValue(after), parse.GetValue(limit));
            session.Output.Value(customers, () => customers.Count == 0
                ? "no customers"
                : string.Join(Environment.NewLine, customers.Select(c =>
                    $"{c.CustomerId,-24} {c.Name,-28} {c.Email,-32} accounts: {(c.AccountIds.Count == 0 ? "-" : string.Join(", ", c.AccountIds))}")));
            return ExitCodes.Done;
        }));
        return new Command("customers", "The customer directory.") { list };
    }

    public static Command Totals()
    {
        var days = InputArguments.Count("--days", "How many days back (UTC)", 7, 3660);
        var totals = new Command("totals", "Money moved per currency per day (daily-totals read model).") { days };
        totals.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var rows = await session.Cluster.GetGrain<IBankingQueriesGrain>(0).GetDailyTotals(session.Tenant, parse.GetValue(days));
            session.Output.Value(rows, () => rows.Count == 0
                ? "no movements"
                : $"{"day",-10}  {"currency",-8} {"deposited",14} {"withdrawn",14} {"transferred",14} {"movements",10}" + Environment.NewLine +
                  string.Join(Environment.NewLine, rows.Select(r =>
                      $"{r.Day:yyyy-MM-dd}  {r.Currency,-8} {r.Deposited,14:0.00} {r.Withdrawn,14:0.00} {r.Transferred,14:0.00} {r.Movements,10}")));
            return ExitCodes.Done;
        }));
        return totals;
    }
}
