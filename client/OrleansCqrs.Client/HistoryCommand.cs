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
        var id = InputArguments.Id("id", "The aggregate");
        var from = new Option<long>("--from") { Description = "First stream version to show (1 or more).", DefaultValueFactory = _ => 1 };
        from.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("--from must be a stream version of 1 or more.");
            }
        });
        var max = InputArguments.Count("--max", "At most this many events", 100, 10_000);
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
            // With --json each payload is a JSON object, not a string of escaped JSON.
            var asJson = events.Select(e => new
            {
                e.StreamVersion, e.TransactionId, e.Position, e.EventType, e.StoredSchemaVersion,
                Data = System.Text.Json.JsonDocument.Parse(e.Data).RootElement, e.CommandId, e.RecordedAt,
            }).ToList();
            session.Output.Value(asJson, () => events.Count == 0
                ? "no events"
                : string.Join(Environment.NewLine, events.Select(e =>
                    $"{e.StreamVersion,4}  {e.RecordedAt:yyyy-MM-dd HH:mm:ss.fff}  {e.EventType} v{e.StoredSchemaVersion}  {e.Data}")));
            return ExitCodes.Done;
        }));
        return history;
    }
}
