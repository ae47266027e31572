using System.CommandLine;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Client;

/// <summary>One command's connection to the cluster, its options and its output; maps failures to exit codes.</summary>
internal sealed class ClientSession(IClusterClient cluster, string tenant, Output output)
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public IClusterClient Cluster { get; } = cluster;

    public string Tenant { get; } = tenant;

    public Output Output { get; } = output;

    public TGrain Grain<TGrain>(string aggregateId)
        where TGrain : IGrainWithStringKey =>
        Cluster.GetGrain<TGrain>(AggregateKey.For(Tenant, aggregateId));


    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<ClientSession, Task<int>> work)
    {
        var output = new Output(parse.GetValue(GlobalOptions.Json));
        Microsoft.Extensions.Hosting.IHost host;
        var gateway = parse.GetValue(GlobalOptions.Gateway);
        try
        {
            host = await ClusterConnection.ConnectAsync(gateway, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            output.Failure("cluster_unreachable",
                $"Cannot reach the cluster on localhost (gateway port {gateway}) within {ClusterConnection.ConnectTimeout.TotalSeconds:0} s: {error.Message} Is the silo running? Start it with ./dev run.");
            return Failed;
        }

        using (host)
        {
            try
            {
                return await work(new ClientSession(host.Client(), parse.GetValue(GlobalOptions.Tenant)!, output));
            }
            catch (AggregateStoreException storeError)
            {
                output.Failure(storeError.Code, storeError.Message);
                return Failed;
            }
            catch (ArgumentException invalid)
            {
                output.Failure("invalid_argument", invalid.Message);
                return Refused;
            }
            catch (Exception clusterError) when (clusterError is Orleans.Runtime.OrleansException or TimeoutException)
            {
                // Typically a silo that has just died and that the cluster has not yet declared dead (a few seconds).
                var reason = clusterError.Message.Split('\n', 2)[0].Trim().TrimEnd('.') + ".";
                output.Failure("cluster_unavailable",
                    $"The cluster could not carry the call through: {reason} Retry in a few seconds; a command retried with the same --command-id is never applied twice.");
                return Failed;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    public static string NewCommandId() => Guid.NewGuid().ToString("N");
}
