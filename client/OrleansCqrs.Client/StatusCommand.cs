using System.CommandLine;
using Orleans.Runtime;

namespace OrleansCqrs.Client;

/// <summary>cqrs status: which silos the cluster has and whether they are active.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the cluster's silos.");
        command.SetAction(async (_, cancellationToken) =>
        {
            try
            {
                using var host = await ClusterConnection.ConnectAsync(cancellationToken);
                var management = host.Client().GetGrain<IManagementGrain>(0);
                var silos = await management.GetHosts(onlyActive: false);
                foreach (var (address, status) in silos)
                {
                    Console.WriteLine($"silo {address} {status}");
                }

                Console.WriteLine($"{silos.Count(s => s.Value == SiloStatus.Active)} active silo(s)");
                await host.StopAsync(cancellationToken);
                return 0;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Console.Error.WriteLine(
                    $"Cannot reach the cluster on localhost (gateway port 30000) within {ClusterConnection.ConnectTimeout.TotalSeconds:0} s: {error.Message}");
                Console.Error.WriteLine("Is the silo running? Start it with ./dev run.");
                return 1;
            }
        });
        return command;
    }
}
