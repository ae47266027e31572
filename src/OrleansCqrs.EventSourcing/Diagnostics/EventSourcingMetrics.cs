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
    private readonly Histogram<long>[] _eventsLoaded;

    public EventSourcingMetrics(IMeterFactory meterFactory)
    {
        _meters = [meterFactory.Create(MeterName), meterFactory.Create(DashboardMeterName)];
        _commands = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.commands", "{command}", "Commands handled by aggregates, by outcome."));
        _conflicts = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.append.conflicts", "{conflict}", "Appends refused because the stream had moved on."));
        _abandoned = Array.ConvertAll(_meters, m => m.CreateCounter<long>("orleanscqrs.append.abandoned", "{append}", "Appends given up because the store did not answer in time."));
        _commandDuration = Array.ConvertAll(_meters, m => m.CreateHistogram<double>("orleanscqrs.command.duration", "ms", "Time to decide and durably append a command."));
        _eventsLoaded = Array.ConvertAll(_meters, m => m.CreateHistogram<long>("orleanscqrs.aggregate.events_loaded", "{event}", "Events replayed when an aggregate loads or catches up."));
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

    public void EventsLoaded(int count)
    {
        foreach (var histogram in _eventsLoaded)
        {
            histogram.Record(count);
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
