using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

/// <summary>
/// The cqrs client, run as a person runs it (a process per command), against a cluster whose PostgreSQL is away: every
/// command prints a code it can act on and its exit code, never a stack trace or a codec failure; then recovers.
/// </summary>
[Collection(OutageClusterCollection.Name)]
public sealed class ClientDuringOutageTests(BankingCluster cluster)
{
    [Fact]
    public async Task With_the_store_away_every_command_says_store_unavailable_and_exits_1()
    {
        var bank = new Bank(cluster.Grains);
        var account = await bank.OpenAccountAsync(deposit: 10m);
        string[][] commands =
        [
            ["account", "show", account], ["account", "state", "never-opened-" + Guid.NewGuid().ToString("N")[..6]],
            ["customers", "list"], ["totals"], ["history", "account", account], ["snapshots", "stats"],
            ["projections", "status"], ["projections", "parked"], ["transfer", "list", "--unfinished"],
            ["account", "deposit", account, "1.00"],
        ];

        var before = await RunClientAsync(["account", "state", account]);
        Assert.True(before.ExitCode == 0, before.Output + " " + cluster.Cluster.Primary!.GatewayAddress);

        cluster.Proxy.GoDown();
        try
        {
            foreach (var command in commands)
            {
                var run = await RunClientAsync(command);
                Assert.True(run.ExitCode == 1, $"cqrs {string.Join(' ', command)} exited {run.ExitCode}: {run.Output}");
                Assert.Matches(@"\[(store_unavailable|outcome_unknown)\]", run.Output);
                Assert.DoesNotContain("   at ", run.Output);
                Assert.DoesNotContain("CodecNotFound", run.Output);
                Assert.DoesNotContain("Npgsql", run.Output);
            }
        }
        finally
        {
            cluster.Proxy.ComeBack();
        }

        await Poll.UntilAsync(async () => (await RunClientAsync(["account", "state", account])).ExitCode == 0,
            TimeSpan.FromSeconds(60), "the client to be answered again after the outage");
    }

    private async Task<(int ExitCode, string Output)> RunClientAsync(string[] args)
    {
        var gateway = cluster.Cluster.Primary!.GatewayAddress.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var run = await CqrsProcess.RunAsync(
            [.. args, "--gateway", gateway, "--cluster-id", cluster.Cluster.Options.ClusterId],
            new Dictionary<string, string> { ["CQRS_SERVICE_ID"] = cluster.Cluster.Options.ServiceId });
        return (run.ExitCode, run.All);
    }
}
