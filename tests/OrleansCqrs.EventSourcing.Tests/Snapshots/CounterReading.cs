using System.Diagnostics.Metrics;

namespace OrleansCqrs.EventSourcing.Tests.Snapshots;

/// <summary>Sums one counter of the OrleansCqrs meter, across the silos of this process, from now on.</summary>
public sealed class CounterReading : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, KeyValuePair<string, object?>[] Tags)> _measurements = [];

    public CounterReading(string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == "OrleansCqrs" && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_measurements)
            {
                _measurements.Add((value, tags.ToArray()));
            }
        });
        _listener.Start();
    }

    public long Total(string? tag = null, string? value = null)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value))).Sum(m => m.Value);
        }
    }

    public void Dispose() => _listener.Dispose();
}
