using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace OrleansCqrs.Client;

/// <summary>A started Orleans cluster client for one command, or a clear failure within a bounded time.</summary>
internal static class ClusterConnection
{
    /// <summary>How long the client keeps retrying a cluster that does not answer.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static async Task<IHost> ConnectAsync(int gatewayPort, CancellationToken cancellationToken)
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
            .UseLocalhostClustering(gatewayPort)
            // The silo's defaults (OrleansCqrs:ClusterId / ServiceId); a gateway refuses clients of another cluster.
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = "dev";
                cluster.ServiceId = "dev";
            })
            .UseConnectionRetryFilter(async (_, token) =>
            {
                if (retrying.Elapsed > ConnectTimeout)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
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
