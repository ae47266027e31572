using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansCqrs.Banking.Transfers;

/// <summary>
/// Counts transfers that have not finished and have had no activity for a minute (their reminder should have moved them
/// on by then) every 30 s, as the gauge <c>orleanscqrs.transfers.unfinished</c>: an alert on it finds a transfer that
/// cannot finish without anybody watching a log. Reports nothing while the database cannot be asked.
/// </summary>
internal sealed partial class UnfinishedTransfersMonitor(NpgsqlDataSource database, IMeterFactory meters, ILogger<UnfinishedTransfersMonitor> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private volatile IReadOnlyList<(string Tenant, long Count)> _last = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var meter in new[] { meters.Create(EventSourcing.Diagnostics.EventSourcingMetrics.MeterName), meters.Create(EventSourcing.Diagnostics.EventSourcingMetrics.DashboardMeterName) })
        {
            meter.CreateObservableGauge(
                "orleanscqrs.transfers.unfinished",
                () => _last.Select(t => new Measurement<long>(t.Count, new KeyValuePair<string, object?>("tenant", t.Tenant))),
                "{transfer}",
                "Transfers neither completed nor compensated with no activity for a minute (cqrs transfer list --unfinished).");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _last = await CountAsync(stoppingToken);
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException)
            {
                _last = [];
                LogCountFailed(logger, error.Message);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<IReadOnlyList<(string, long)>> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"select tenant_id, count(*) from ({UnfinishedTransfersSql.Streams}) t where last_activity < now() - interval '1 minute' group by tenant_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return counts;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not count unfinished transfers: {Reason}")]
    private static partial void LogCountFailed(ILogger logger, string reason);
}
