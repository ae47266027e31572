using System.Diagnostics.Metrics;
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
