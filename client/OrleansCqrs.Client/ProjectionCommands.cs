using System.CommandLine;
using OrleansCqrs.EventSourcing.Projections;

namespace OrleansCqrs.Client;

/// <summary>cqrs projections status|rebuild|pause|resume|parked|retry|skip</summary>
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
                $"{"projection",-22} {"feed",-6} {"checkpoint",-18} {"head",-18} {"behind",8} {"lag_s",8} {"parked",7}" + Environment.NewLine +
                string.Join(Environment.NewLine, statuses.Select(s =>
                    $"{s.Name,-22} {s.Feed,-6} {s.Checkpoint,-18} {s.Head,-18} {s.EventsBehind,8} {s.SecondsBehind,8:0.0} {s.Parked,7}{(s.Paused ? "  paused" : "")}")));
            return ExitCodes.Done;
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
                return ExitCodes.Retry;
            }

            session.Output.Value(progress, () =>
                $"rebuilt {progress.Projection}: {progress.EventsApplied:N0} events in {progress.Seconds:0.0} s ({progress.EventsApplied / Math.Max(progress.Seconds, 0.001):N0} events/s)");
            return ExitCodes.Done;
        }));

        var pause = new Command("pause", "Stop a log-following read model where it is.") { name };
        pause.SetAction((parse, token) => SetPaused(parse, token, name, paused: true));
        var resume = new Command("resume", "Let a paused log-following read model go on from its checkpoint.") { name };
        resume.SetAction((parse, token) => SetPaused(parse, token, name, paused: false));

        var only = new Argument<string?>("name") { Description = "Only this read model.", Arity = ArgumentArity.ZeroOrOne };
        var parked = new Command("parked", "Events read models could not read or apply: where, why, and what was decided.") { only };
        parked.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var events = await session.Cluster.GetGrain<IProjectionsGrain>(0).GetParked(parse.GetValue(only));
            session.Output.Value(events, () => ParkedTable(events, "nothing is parked"));
            return ExitCodes.Done;
        }));

        var retry = new Command("retry", "Apply a read model's parked events again (after a fix, such as a newly deployed event type).") { name };
        retry.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var still = await session.Cluster.GetGrain<IProjectionsGrain>(0).RetryParked(parse.GetValue(name)!);
            session.Output.Value(still, () => still.Count == 0
                ? $"{parse.GetValue(name)}: every parked event is applied"
                : $"{parse.GetValue(name)}: {still.Count} event(s) still parked" + Environment.NewLine + ParkedTable(still, ""));
            return ExitCodes.Done;
        }));

        var tenant = new Argument<string>("tenant") { Description = "The parked event's tenant." };
        var stream = new Argument<string>("stream") { Description = "The parked event's stream, for example account-acc-1." };
        var version = new Argument<long>("version") { Description = "The parked event's stream version." };
        var skip = new Command("skip", "Go on without one parked event; the decision is recorded and the stream behind it released.") { name, tenant, stream, version };
        skip.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var done = await session.Cluster.GetGrain<IProjectionsGrain>(0)
                .SkipParked(parse.GetValue(name)!, parse.GetValue(tenant)!, parse.GetValue(stream)!, parse.GetValue(version));
            if (!done)
            {
                session.Output.Failure("not_found", $"{parse.GetValue(name)} has no event parked at version {parse.GetValue(version)} of {parse.GetValue(tenant)}/{parse.GetValue(stream)}; see `cqrs projections parked`.");
                return ExitCodes.NotFound;
            }

            session.Output.Line($"{parse.GetValue(name)}: skipped version {parse.GetValue(version)} of {parse.GetValue(tenant)}/{parse.GetValue(stream)}");
            return ExitCodes.Done;
        }));

        projections.Subcommands.Add(status);
        projections.Subcommands.Add(parked);
        projections.Subcommands.Add(retry);
        projections.Subcommands.Add(skip);
        projections.Subcommands.Add(rebuild);
        projections.Subcommands.Add(pause);
        projections.Subcommands.Add(resume);
        return projections;
    }

    private static string ParkedTable(IReadOnlyList<ParkedEvent> events, string none) => events.Count == 0
        ? none
        : $"{"projection",-22} {"tenant",-10} {"stream",-28} {"version",8} {"type",-24} {"status",-8} {"tries",5} error" + Environment.NewLine +
          string.Join(Environment.NewLine, events.Select(e =>
              $"{e.Projection,-22} {e.TenantId,-10} {e.StreamId,-28} {e.StreamVersion,8} {e.EventType + (e.SchemaVersion > 0 ? $" v{e.SchemaVersion}" : ""),-24} {e.Status,-8} {e.Attempts,5} {e.Error}"));

    private static Task<int> SetPaused(ParseResult parse, CancellationToken token, Argument<string> name, bool paused) =>
        ClientSession.RunAsync(parse, token, async session =>
        {
            await session.Cluster.GetGrain<IProjectionsGrain>(0).SetPaused(parse.GetValue(name)!, paused);
            session.Output.Line($"{parse.GetValue(name)}: {(paused ? "paused" : "resumed")}");
            return ExitCodes.Done;
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
