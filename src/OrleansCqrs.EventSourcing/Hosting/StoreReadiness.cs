using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace OrleansCqrs.EventSourcing.Hosting;

/// <summary>
/// Readiness: the store answers within two seconds (unhealthy otherwise, with the reason), no read model has a parked
/// event and none is more than a minute behind (degraded otherwise, naming them).
/// </summary>
public sealed class StoreReadiness(NpgsqlDataSource database, OrleansCqrs.EventSourcing.Projections.ProjectionLagMonitor lag) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>A read model this far behind is stalled rather than busy.</summary>
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(60);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        long parked;
        try
        {
            await using var command = database.CreateCommand(
                $"select count(*) from projections.parked_events where status = '{Projections.ParkedEvents.Parked}'");
            parked = (long)(await command.ExecuteScalarAsync(deadline.Token))!;
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The message only: a connection string never goes into a health answer.
            var reason = error is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : error.Message.Split('\n')[0];
            return HealthCheckResult.Unhealthy($"store unreachable: {reason}");
        }

        if (parked > 0)
        {
            return HealthCheckResult.Degraded($"{parked} event(s) parked by read models: see `cqrs projections parked`");
        }

        var stalled = lag.Last.Where(s => s.SecondsBehind > Stalled.TotalSeconds && !s.Paused).Select(s => $"{s.Name} {s.SecondsBehind:0} s behind").ToList();
        return stalled.Count == 0
            ? HealthCheckResult.Healthy("store reachable")
            : HealthCheckResult.Degraded($"read models stalled: {string.Join(", ", stalled)} (see `cqrs projections status`)");
    }
}
