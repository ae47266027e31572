using System.CommandLine;
using OrleansCqrs.Client;

var root = new RootCommand("cqrs: the OrleansCqrs command-line client");
root.Subcommands.Add(StatusCommand.Create());
return await root.Parse(args).InvokeAsync();
