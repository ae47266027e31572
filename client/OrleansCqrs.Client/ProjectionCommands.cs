using System.CommandLine;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.Client;

/// <summary>cqrs projections status|rebuild|pause|resume</summary>
internal static class ProjectionCommands
{
    public static Command Create()
    {
        var projections = new Command("projections", "Read models: where they stand, and rebuilding them.");

        var status = new Command("status", "Each read model with its checkpoint, the log's head and its lag.");
        status.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var statuses = await session.Cluster.GetGrain<IProjectionsGrain>(0).GetStatus();
            session.Output.Value(statuses, () =>
                $"{"projection",-22} {"feed",-6} {"checkpoint",-18} {"head",-18} {"behind",8} {"lag_s",8}" + Environment.NewLine +
                string.Join(Environment.NewLine, statuses.Select(s =>
                    $"{s.Name,-22} {s.Feed,-6} {s.Checkpoint,-18} {s.Head,-18} {s.EventsBehind,8} {s.SecondsBehind,8:0.0}{(s.Paused ? "  paused" : "")}")));
            return ClientSession.Succeeded;
        }));

        var name = new Argument<string>("name") { Description = "The read model, as `cqrs projections status` lists it." };
        var rebuild = new Command("rebuild", "Rebuild a read model from empty and hand over to live processing; resumes an interrupted rebuild.") { name };
        rebuild.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var grain = session.Cluster.GetGrain<IProjectionsGrain>(0);
            var progress = await grain.StartRebuild(parse.GetValue(name)!);
            var bar = new ProgressBar(session.Output);
            while (!progress.Finished && progress.Error is null)
            {
                bar.Show(progress);
                await Task.Delay(TimeSpan.FromMilliseconds(200), token);
                progress = await grain.GetRebuild(progress.Projection) ?? progress;
            }

            bar.Show(progress);
            bar.Done();
            if (progress.Error is { } error)
            {
                session.Output.Failure("rebuild_failed", $"{error} Run the command again to resume from the last chunk.");
                return ClientSession.Failed;
            }

            session.Output.Value(progress, () =>
                $"rebuilt {progress.Projection}: {progress.EventsApplied:N0} events in {progress.Seconds:0.0} s ({progress.EventsApplied / Math.Max(progress.Seconds, 0.001):N0} events/s)");
            return ClientSession.Succeeded;
        }));

        var pause = new Command("pause", "Stop a log-following read model where it is.") { name };
        pause.SetAction((parse, token) => SetPaused(parse, token, name, paused: true));
        var resume = new Command("resume", "Let a paused log-following read model go on from its checkpoint.") { name };
        resume.SetAction((parse, token) => SetPaused(parse, token, name, paused: false));

        projections.Subcommands.Add(status);
        projections.Subcommands.Add(rebuild);
        projections.Subcommands.Add(pause);
        projections.Subcommands.Add(resume);
        return projections;
    }

    private static Task<int> SetPaused(ParseResult parse, CancellationToken token, Argument<string> name, bool paused) =>
        ClientSession.RunAsync(parse, token, async session =>
        {
            await session.Cluster.GetGrain<IProjectionsGrain>(0).SetPaused(parse.GetValue(name)!, paused);
            session.Output.Line($"{parse.GetValue(name)}: {(paused ? "paused" : "resumed")}");
            return ClientSession.Succeeded;
        });

    /// <summary>A one-line progress bar on a terminal; nothing with --json or when output is redirected.</summary>
    private sealed class ProgressBar(Output output)
    {
        private const int Width = 30;
        private readonly bool _visible = !output.IsJson && !Console.IsOutputRedirected;

        public void Show(RebuildProgress progress)
        {
            if (!_visible)
            {
                return;
            }

            var fraction = progress.Finished ? 1 : progress.EventsTotal == 0 ? 0 : Math.Min(1, (double)progress.EventsApplied / progress.EventsTotal);
            var filled = (int)(fraction * Width);
            Console.Write($"\r{progress.Projection} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} " +
                          $"{progress.EventsApplied:N0}/{Math.Max(progress.EventsTotal, progress.EventsApplied):N0} events, {progress.Seconds:0.0} s   ");
        }

        public void Done()
        {
            if (_visible)
            {
                Console.WriteLine();
            }
        }
    }
}
