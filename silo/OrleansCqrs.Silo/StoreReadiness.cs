using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace OrleansCqrs.Silo;

/// <summary>
/// Readiness: the store answers within two seconds (unhealthy otherwise, with the reason), and no read model has a parked
/// event (degraded otherwise: the read models are behind on those streams until an operator retries or skips them).
/// </summary>
internal sealed class StoreReadiness(NpgsqlDataSource database) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        long parked;
        try
        {
            await using var command = database.CreateCommand(
                "select count(*) from projections.parked_events where status = 'parked'");
            parked = (long)(await command.ExecuteScalarAsync(deadline.Token))!;
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The message only: a connection string never goes into a health answer.
            var reason = error is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : error.Message.Split('\n')[0];
            return HealthCheckResult.Unhealthy($"store unreachable: {reason}");
        }

        return parked == 0
            ? HealthCheckResult.Healthy("store reachable")
            : HealthCheckResult.Degraded($"{parked} event(s) parked by read models: see `cqrs projections parked`");
    }
}
