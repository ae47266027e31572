using System.CommandLine;
using OrleansCqrs.Client;

var root = new RootCommand("cqrs: the OrleansCqrs command-line client (connects to the silo on localhost)")
{
    GlobalOptions.Gateway,
    GlobalOptions.Host,
    GlobalOptions.ClusterId,
    GlobalOptions.ConnectTimeout,
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
var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    // One line per mistake, not the whole help page; the command's own --help lists its arguments.
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error [invalid_input] {error.Message}");
    }

    var path = new List<string>();
    for (var command = parse.CommandResult; command is not null && command.Command != root; command = command.Parent as System.CommandLine.Parsing.CommandResult)
    {
        path.Insert(0, command.Command.Name);
    }

    Console.Error.WriteLine($"See: cqrs {string.Join(' ', path.Append("--help"))}");
    return ExitCodes.Invalid;
}

return await parse.InvokeAsync();
