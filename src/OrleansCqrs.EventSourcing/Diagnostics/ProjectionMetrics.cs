using System.Diagnostics.Metrics;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.EventSourcing.Diagnostics;

/// <summary>Lag per read model as observable gauges, on the meter <c>OrleansCqrs</c> and on <c>Orleans</c> (the dashboard's).</summary>
public sealed class ProjectionMetrics
{
    public ProjectionMetrics(IMeterFactory meterFactory, ProjectionLagMonitor monitor)
    {
        foreach (var meter in new[] { meterFactory.Create(EventSourcingMetrics.MeterName), meterFactory.Create(EventSourcingMetrics.DashboardMeterName) })
        {
            meter.CreateObservableGauge(
                "orleanscqrs.projection.lag_events",
                () => monitor.Last.Select(s => new Measurement<long>(s.EventsBehind, new KeyValuePair<string, object?>("projection", s.Name))),
                "{event}",
                "Committed events a read model does not reflect yet.");
            meter.CreateObservableGauge(
                "orleanscqrs.projection.lag_seconds",
                () => monitor.Last.Select(s => new Measurement<double>(s.SecondsBehind, new KeyValuePair<string, object?>("projection", s.Name))),
                "s",
                "Age of the oldest committed event a read model does not reflect yet.");
            meter.CreateObservableGauge(
                "orleanscqrs.projection.lag_measured",
                () => monitor.Measured ? 1 : 0,
                "1",
                "1 when the read models' lag was measured in the last round; 0 when the database could not be asked (the lag gauges then report nothing).");
            meter.CreateObservableGauge(
                "orleanscqrs.projection.parked",
                () => monitor.Last.Select(s => new Measurement<long>(s.Parked, new KeyValuePair<string, object?>("projection", s.Name))),
                "{event}",
                "Events a read model parked (cqrs projections parked).");
        }
    }
}
