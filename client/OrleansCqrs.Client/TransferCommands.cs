using System.CommandLine;
using OrleansCqrs.Banking.Transfers;

namespace OrleansCqrs.Client;

/// <summary>cqrs transfer send|show</summary>
internal static class TransferCommands
{
    public static Command Create()
    {
        var transfer = new Command("transfer", "Move money between accounts.");
        var from = InputArguments.Id("from-account", "The account to debit");
        var to = InputArguments.Id("to-account", "The account to credit");
        var amount = InputArguments.Amount("amount", "Amount in the source account's currency.");
        var transferId = new Option<string?>("--id") { Description = "Transfer id; repeat it to retry the same transfer (default: a new id)." };
        var send = new Command("send", "Transfer an amount; refunds the source when the destination refuses.") { from, to, amount, transferId, GlobalOptions.CommandId };
        send.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var id = parse.GetValue(transferId) ?? ClientSession.NewCommandId();
            if (parse.GetValue(transferId) is null)
            {
                // Printed first: if anything below fails, this is the id to look the transfer up or retry it with.
                session.Output.Line($"transfer id {id} (retry with --id {id}; look it up with `cqrs transfer show {id}`)");
            }

            var command = new TransferFunds(parse.GetValue(GlobalOptions.CommandId) ?? id, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(amount));
            var result = await session.Grain<ITransferGrain>(id).Execute(command);
            var exit = session.Output.Result($"transfer {id}", result.Command, result.Transfer);
            if (exit != ExitCodes.Done)
            {
                return exit;
            }

            session.Output.Line(Describe(result.Transfer));
            return result.Transfer.Status == TransferStatus.Completed ? ExitCodes.Done : ExitCodes.Refused;
        }));

        var id = InputArguments.Id("transfer-id", "The transfer");
        var show = new Command("show", "Show a transfer.") { id };
        show.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var details = await session.Grain<ITransferGrain>(parse.GetValue(id)!).GetDetails();
            if (details.Status == TransferStatus.NotStarted)
            {
                session.Output.Failure("not_found", Describe(details) + ".");
                return ExitCodes.NotFound;
            }

            session.Output.Value(details, () => Describe(details));
            return ExitCodes.Done;
        }));

        var unfinished = new Option<bool>("--unfinished") { Description = "Only transfers neither completed nor compensated (the only listing there is)." };
        var limit = InputArguments.Count("--limit", "At most this many", 100, 1000);
        var list = new Command("list", "List transfers that have not finished, oldest activity first.") { unfinished, limit };
        list.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var open = await session.Cluster.GetGrain<OrleansCqrs.Banking.Queries.IBankingQueriesGrain>(0)
                .ListUnfinishedTransfers(session.Tenant, parse.GetValue(limit));
            session.Output.Value(open, () => open.Count == 0
                ? "every transfer has finished"
                : string.Join(Environment.NewLine, open.Select(t =>
                    $"{t.TransferId,-34} last step {t.LastStep,-24} version {t.Version,3}  since {t.LastActivity:yyyy-MM-dd HH:mm:ss}")));
            return ExitCodes.Done;
        }));

        transfer.Subcommands.Add(send);
        transfer.Subcommands.Add(list);
        transfer.Subcommands.Add(show);
        return transfer;
    }

    public static string Describe(TransferDetails transfer) => transfer.Status switch
    {
        TransferStatus.NotStarted => $"transfer {transfer.TransferId} does not exist",
        TransferStatus.Completed => $"transfer {transfer.TransferId}: completed, {transfer.Amount:0.00} {transfer.Currency} from {transfer.FromAccountId} to {transfer.ToAccountId}",
        TransferStatus.Compensated => $"transfer {transfer.TransferId}: compensated — {transfer.ToAccountId} refused the credit [{transfer.Error?.Code}] {transfer.Error?.Message}; {transfer.Amount:0.00} {transfer.Currency} returned to {transfer.FromAccountId}",
        TransferStatus.Failed => $"transfer {transfer.TransferId}: failed — {transfer.FromAccountId} refused the debit [{transfer.Error?.Code}] {transfer.Error?.Message}",
        _ => $"transfer {transfer.TransferId}: {transfer.Status}",
    };
}
