using System.Diagnostics.Metrics;

namespace OrleansCqrs.EventSourcing.Diagnostics;

/// <summary>
/// The write side's instruments, on the meter <c>OrleansCqrs</c> (exported at /metrics) and again on a
/// meter named <c>Orleans</c>, the only one the Orleans dashboard's counters page reads.
/// </summary>
public sealed class EventSourcingMetrics : IDisposable
{
    public const string MeterName = "OrleansCqrs";
    public const string DashboardMeterName = "Orleans";

    private readonly Meter[] _meters;
    private readonly Counter<long>[] _commands;
    private readonly Counter<long>[] _conflicts;
    private readonly Counter<long>[] _abandoned;
    private readonly Histogram<double>[] _commandDuration;
    private readonly Histogram<long>[] _eventsReplayed;
    private readonly Counter<long>[] _snapshotsWritten;
    private readonly Counter<long>[] _snapshotsRejected;
    private readonly Counter<long>[] _snapshotWriteFailures;
    private readonly Counter<long>[] _projectionWriteFailures;
    private readonly Counter<long>[] _projectionDeliveriesAbandoned;
    private readonly Counter<long>[] _eventsParked;

    public EventSourcingMetrics(IMeterFactory meterFactory)
    {
        _meters = [meterFactory.Create(MeterName), meterFactory.Create(DashboardMeterName)];
        _commands = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.commands", "{command}", "Commands handled by aggregates, by outcome."));
        _conflicts = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.append.conflicts", "{conflict}", "Appends refused because the stream had moved on."));
        _abandoned = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.append.abandoned", "{append}", "Appends given up because the store did not answer in time."));
        _commandDuration = Array.ConvertAll(_meters, m => m.CreateHistogram<double>("orleanscqrs.command.duration", "ms", "Time to decide and durably append a command."));
        _eventsReplayed = Array.ConvertAll(_meters, m => m.CreateHistogram<long>("orleanscqrs.aggregate.events_replayed", "{event}", "Events replayed per activation, after the snapshot it started from."));
        _snapshotsWritten = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.snapshots.written", "{snapshot}", "Snapshots stored, by reason."));
        _snapshotsRejected = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.snapshots.rejected", "{snapshot}", "Snapshots not used on load, by reason (checksum, schema_version, shape, …)."));
        _snapshotWriteFailures = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.snapshots.write_failures", "{snapshot}", "Snapshot writes that failed (commands are not affected)."));
        _eventsParked = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.projection.events_parked", "{event}", "Events a read model could not read or apply and parked (cqrs projections parked)."));
        _projectionWriteFailures = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.projection.write_failures", "{delivery}", "Deliveries a projection grain could not apply (it retries, then catches up from the store)."));
        _projectionDeliveriesAbandoned = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.projection.deliveries_abandoned", "{delivery}", "Deliveries the stream provider gave up on; the projection catches up from the store instead."));
    }

    public void CommandHandled(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        foreach (var counter in _commands)
        {
            counter.Add(1, tag);
        }

        foreach (var histogram in _commandDuration)
        {
            histogram.Record(duration.TotalMilliseconds, tag);
        }
    }

    public void Conflict()
    {
        foreach (var counter in _conflicts)
        {
            counter.Add(1);
        }
    }

    public void Abandoned(string code)
    {
        var tag = new KeyValuePair<string, object?>("code", code);
        foreach (var counter in _abandoned)
        {
            counter.Add(1, tag);
        }
    }

    public void EventsReplayed(long count, string kind)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        foreach (var histogram in _eventsReplayed)
        {
            histogram.Record(count, tag);
        }
    }

    public void SnapshotWritten(string reason) => Add(_snapshotsWritten, new("reason", reason));

    public void SnapshotRejected(string reason) => Add(_snapshotsRejected, new("reason", reason));

    public void SnapshotWriteFailed() => Add(_snapshotWriteFailures, new("reason", "error"));

    public void ProjectionWriteFailed(string projection) => Add(_projectionWriteFailures, new("projection", projection));

    public void EventParked(string projection) => Add(_eventsParked, new("projection", projection));

    public void ProjectionDeliveryAbandoned(string projection) => Add(_projectionDeliveriesAbandoned, new("projection", projection));

    private static void Add(Counter<long>[] counters, KeyValuePair<string, object?> tag)
    {
        foreach (var counter in counters)
        {
            counter.Add(1, tag);
        }
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
