using System.Diagnostics.Metrics;
using Npgsql;
using OrleansCqrs.Banking.Customers;
using OrleansCqrs.EventSourcing.Projections;
using OrleansCqrs.EventSourcing.Tests.Infrastructure;

namespace OrleansCqrs.EventSourcing.Tests;

[Collection(BankingClusterCollection.Name)]
public sealed class LagMetricTests(BankingCluster cluster)
{
    [Fact]
    public async Task Lag_gauge_rises_while_a_projection_falls_behind_and_returns_to_zero()
    {
        using var lag = new LagGauge("customer-directory");
        var projections = cluster.Grains.GetGrain<IProjectionsGrain>(0);
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);

        await projections.SetPaused("customer-directory", true);
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await cluster.Grains.GetGrain<ICustomerGrain>(Bank.NewId("lag")).Register(new RegisterCustomer(Bank.CommandId(), "Lag", "lag@example.com"));
            }

            await Poll.UntilAsync(() => Task.FromResult(lag.Highest() >= 10), TimeSpan.FromSeconds(30), "the lag gauge to show 10 events behind");
        }
        finally
        {
            await projections.SetPaused("customer-directory", false);
        }

        await Poll.UntilAsync(() => Task.FromResult(lag.Highest() == 0), TimeSpan.FromSeconds(30), "the lag gauge to return to 0");
    }

    [Fact]
    public async Task Acknowledged_events_readers_cannot_take_yet_count_as_lag()
    {
        var bank = new Bank(cluster.Grains);
        var projections = cluster.Grains.GetGrain<IProjectionsGrain>(0);
        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);

        // An open transaction that holds a transaction id keeps every later commit out of the readers' safe order.
        await using var connection = new NpgsqlConnection(cluster.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var holdsId = new NpgsqlCommand("select pg_current_xact_id()", connection, transaction))
            {
                await holdsId.ExecuteScalarAsync();
            }

            await bank.OpenAccountAsync(deposit: 5m);

            var statuses = await projections.GetStatus();
            Assert.All(statuses, s => Assert.True(s.EventsBehind > 0, $"{s.Name} reports {s.EventsBehind} events behind"));
            await transaction.RollbackAsync();
        }

        await ReadModelAssertions.CaughtUpAsync(cluster.Grains);
    }

    /// <summary>Reads orleanscqrs.projection.lag_events of one projection from every silo of this process.</summary>
    private sealed class LagGauge : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<long> _readings = [];
        private readonly string _projection;

        public LagGauge(string projection)
        {
            _projection = projection;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "OrleansCqrs" && instrument.Name == "orleanscqrs.projection.lag_events")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "projection" && Equals(tag.Value, _projection))
                    {
                        _readings.Add(value);
                    }
                }
            });
            _listener.Start();
        }

        public long Highest()
        {
            lock (_readings)
            {
                _readings.Clear();
                _listener.RecordObservableInstruments();
                return _readings.Count == 0 ? -1 : _readings.Max();
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
