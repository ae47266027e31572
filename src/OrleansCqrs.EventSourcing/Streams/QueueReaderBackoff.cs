using Orleans.Runtime.Providers;

namespace OrleansCqrs.EventSourcing.Streams;

/// <summary>
/// How long a partition's reader waits after the store failed to answer. Orleans waits 10–20 s by default, so the
/// read models fed by streams stayed that far behind after every database restart; the log is cheap to ask again.
/// </summary>
internal sealed class QueueReaderBackoff : IQueueReaderBackoffProvider
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    public TimeSpan Next(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(Longest.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1))));
}
