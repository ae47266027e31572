using System.CommandLine;
using OrleansCqrs.EventSourcing.Snapshots;

namespace OrleansCqrs.Client;

/// <summary>cqrs snapshots stats</summary>
internal static class SnapshotCommands
{
    public static Command Create()
    {
        var stats = new Command("stats", "Snapshot counts and sizes per kind of stream.");
        stats.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var rows = await session.Cluster.GetGrain<ISnapshotsGrain>(0).GetStats();
            session.Output.Value(rows, () => rows.Count == 0
                ? "no snapshots"
                : $"{"kind",-28} {"snapshots",10} {"streams",9} {"total",12} {"largest",10}  newest" + Environment.NewLine +
                  string.Join(Environment.NewLine, rows.Select(r =>
                      $"{r.Kind,-28} {r.Snapshots,10} {r.Streams,9} {Size(r.TotalBytes),12} {Size(r.LargestBytes),10}  {r.Newest:yyyy-MM-dd HH:mm:ss}")));
            return ExitCodes.Done;
        }));
        return new Command("snapshots", "Snapshots of aggregates and projections.") { stats };
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MiB",
    };
}
