using System.CommandLine;
using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Client;

/// <summary>One command's connection to the cluster, its options and its output; maps failures to exit codes.</summary>
internal sealed class ClientSession(IClusterClient cluster, string tenant, Output output)
{
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
        var gateways = parse.GetValue(GlobalOptions.Gateway)!;
        var hostName = parse.GetValue(GlobalOptions.Host)!;
        var timeout = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(GlobalOptions.ConnectTimeout), 0.1, 600));
        System.Net.IPAddress address;
        try
        {
            address = System.Net.IPAddress.TryParse(hostName, out var parsed)
                ? parsed
                : (await System.Net.Dns.GetHostAddressesAsync(hostName, cancellationToken)).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }
        catch (Exception error) when (error is System.Net.Sockets.SocketException or InvalidOperationException)
        {
            output.Failure("invalid_input", $"--host '{hostName}' cannot be resolved.");
            return ExitCodes.Invalid;
        }

        var where = $"{hostName} (gateway port{(gateways.Length > 1 ? "s" : "")} {string.Join(", ", gateways)})";
        try
        {
            host = await ClusterConnection.ConnectAsync(address, gateways, parse.GetValue(GlobalOptions.ClusterId)!, timeout, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            output.Failure("cluster_unreachable",
                $"Cannot reach the cluster on {where} within {timeout.TotalSeconds:0.#} s: {error.Message.Split('\n', 2)[0].Trim()} Is the silo running (./dev run)? Wrong port: --gateway; slow start: --connect-timeout.");
            return ExitCodes.Retry;
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
                return ExitCodes.ForError(storeError.Code);
            }
            catch (ArgumentException invalid)
            {
                output.Failure("invalid_argument", invalid.Message.Split(" (Parameter", 2)[0]);
                return ExitCodes.Invalid;
            }
            catch (Exception clusterError) when (clusterError is Orleans.Runtime.OrleansException or TimeoutException)
            {
                // Typically a silo that has just died and that the cluster has not yet declared dead (a few seconds).
                var reason = clusterError.Message.Split('\n', 2)[0].Trim().TrimEnd('.') + ".";
                output.Failure("cluster_unavailable",
                    $"The cluster could not carry the call through: {reason} Retry in a few seconds; a command retried with the same --command-id is never applied twice.");
                return ExitCodes.Retry;
            }
            catch (Exception unexpected) when (unexpected is not OperationCanceledException)
            {
                // Never a stack trace at a person: one line with what failed; CQRS_CLIENT_LOG=1 shows the detail.
                output.Failure("unexpected_error", $"{unexpected.GetType().Name}: {unexpected.Message.Split('\n', 2)[0].Trim()}");
                if (Environment.GetEnvironmentVariable("CQRS_CLIENT_LOG") == "1")
                {
                    Console.Error.WriteLine(unexpected);
                }

                return ExitCodes.Broken;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    public static string NewCommandId() => Guid.NewGuid().ToString("N");
}
