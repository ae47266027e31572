using System.CommandLine;
using Orleans.Runtime;

namespace OrleansCqrs.Client;

/// <summary>cqrs status: which silos the cluster has and whether they are active.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the cluster's silos.");
        command.SetAction((parse, cancellationToken) => ClientSession.RunAsync(parse, cancellationToken, async session =>
        {
            var silos = await session.Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
            var active = silos.Count(s => s.Value == SiloStatus.Active);
            session.Output.Value(
                new { silos = silos.Select(s => new { address = s.Key.ToString(), status = s.Value.ToString() }), active },
                () => string.Join(Environment.NewLine, silos.Select(s => $"silo {s.Key} {s.Value}").Append($"{active} active silo(s)")));
            return ExitCodes.Done;
        }));
        return command;
    }
}
