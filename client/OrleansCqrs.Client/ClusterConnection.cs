using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace OrleansCqrs.Client;

/// <summary>A started Orleans cluster client for one command, or a clear failure within a bounded time.</summary>
internal static class ClusterConnection
{
    /// <summary>Connects through any of <paramref name="gateways"/>; Orleans moves to another when one dies.</summary>
    public static async Task<IHost> ConnectAsync(
        System.Net.IPAddress address, IReadOnlyList<int> gateways, string clusterId, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        // Orleans logs every refused connection attempt; the command reports the outcome itself.
        // CQRS_CLIENT_LOG=1 shows Orleans' own log, to diagnose a connection.
        if (Environment.GetEnvironmentVariable("CQRS_CLIENT_LOG") != "1")
        {
            builder.Logging.ClearProviders();
        }
        var retrying = Stopwatch.StartNew();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gateways.Select(port => new System.Net.IPEndPoint(address, port)).ToArray())
            // A gateway refuses clients of another cluster: the id must be the silo's OrleansCqrs__ClusterId.
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = Environment.GetEnvironmentVariable("CQRS_SERVICE_ID") ?? "dev";
            })
            .UseConnectionRetryFilter(async (_, token) =>
            {
                if (retrying.Elapsed > connectTimeout)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), token);
                return true;
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
