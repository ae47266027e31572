using System.CommandLine;
using OrleansCqrs.Banking.Accounts;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.Banking.Transfers;

namespace OrleansCqrs.Client;

/// <summary>cqrs history account|customer|transfer ID: the events of one aggregate's stream.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "account, customer or transfer." };
        kind.AcceptOnlyFromAmong("account", "customer", "transfer");
        var id = new Argument<string>("id");
        var from = new Option<long>("--from") { Description = "First stream version to show.", DefaultValueFactory = _ => 1 };
        var max = new Option<int>("--max") { Description = "At most this many events.", DefaultValueFactory = _ => 100 };
        var history = new Command("history", "Show the events of an aggregate's stream.") { kind, id, from, max };
        history.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var aggregateId = parse.GetValue(id)!;
            var (start, count) = (parse.GetValue(from), parse.GetValue(max));
            var events = parse.GetValue(kind) switch
            {
                "account" => await session.Grain<IAccountGrain>(aggregateId).GetHistory(start, count),
                "customer" => await session.Grain<ICustomerGrain>(aggregateId).GetHistory(start, count),
                _ => await session.Grain<ITransferGrain>(aggregateId).GetHistory(start, count),
            };
            session.Output.Value(events, () => events.Count == 0
                ? "no events"
                : string.Join(Environment.NewLine, events.Select(e =>
                    $"{e.StreamVersion,4}  {e.RecordedAt:yyyy-MM-dd HH:mm:ss.fff}  {e.EventType} v{e.StoredSchemaVersion}  {e.Data}")));
            return ClientSession.Succeeded;
        }));
        return history;
    }
}
