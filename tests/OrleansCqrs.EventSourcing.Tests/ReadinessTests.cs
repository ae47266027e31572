using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.TestingHost;
using OrleansCqrs.EventSourcing.Hosting;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

/// <summary>The silo's readiness (/health/ready): unhealthy while the store is away, degraded while an event is parked, healthy again after.</summary>
[Collection(OutageClusterCollection.Name)]
public sealed class ReadinessTests(BankingCluster cluster)
{
    private StoreReadiness Readiness()
    {
        var services = ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services;
        return new StoreReadiness(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ProjectionLagMonitor>());
    }

    private async Task<HealthCheckResult> CheckAsync() => await Readiness().CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Readiness_goes_unhealthy_and_degraded_with_the_reason_and_comes_back()
    {
        await Poll.UntilAsync(async () => (await CheckAsync()).Status == HealthStatus.Healthy, TimeSpan.FromSeconds(30), "a healthy start");

        cluster.Proxy.GoDown();
        try
        {
            var down = await CheckAsync();
            Assert.Equal(HealthStatus.Unhealthy, down.Status);
            Assert.StartsWith("store unreachable", down.Description);
            Assert.DoesNotContain("Password", down.Description, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            cluster.Proxy.ComeBack();
        }

        await Poll.UntilAsync(async () => (await CheckAsync()).Status == HealthStatus.Healthy, TimeSpan.FromSeconds(30), "healthy after the outage");

        var stream = "account-ready-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.Database.ExecuteAsOwnerAsync(
            "insert into projections.parked_events (projection, tenant_id, stream_id, stream_version, transaction_id, position, event_type, schema_version, error) " +
            $"values ('account-summary', 'default', '{stream}', 1, '1', 1, 'x', 1, 'test')");
        var degraded = await CheckAsync();
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("parked", degraded.Description);

        await cluster.Database.ExecuteAsOwnerAsync($"delete from projections.parked_events where stream_id = '{stream}'");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
    }
}
