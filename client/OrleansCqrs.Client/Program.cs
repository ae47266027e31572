using System.CommandLine;
using OrleansCqrs.Client;

var root = new RootCommand("cqrs: the OrleansCqrs command-line client (connects to the silo on localhost)")
{
    GlobalOptions.Gateway,
    GlobalOptions.Tenant,
    GlobalOptions.Json,
};
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(CustomerCommands.Create());
root.Subcommands.Add(AccountCommands.Create());
root.Subcommands.Add(TransferCommands.Create());
root.Subcommands.Add(HistoryCommand.Create());
root.Subcommands.Add(ReadModelCommands.Customers());
root.Subcommands.Add(ReadModelCommands.Totals());
root.Subcommands.Add(ProjectionCommands.Create());
root.Subcommands.Add(SnapshotCommands.Create());
root.Subcommands.Add(DemoCommand.Create());
return await root.Parse(args).InvokeAsync();
