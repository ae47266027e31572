using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.Benchmarks;

internal static class BenchmarkReadModels
{
    /// <summary>Waits until no read model is behind the log (at most 5 minutes).</summary>
    public static async Task WaitCaughtUpAsync(IProjectionsGrain projections)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        using var every50ms = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while ((await projections.GetStatus()).Any(s => s.EventsBehind > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The read models did not catch up within 5 minutes.");
            }

            await every50ms.WaitForNextTickAsync();
        }
    }
}
