using System.Diagnostics;

namespace OrleansCqrs.Testing;

/// <summary>Runs the built <c>cqrs</c> client (of the test's configuration) in a process of its own and collects what a person would see.</summary>
public static class CqrsProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr, TimeSpan Took)
    {
        public string All => Stdout + Stderr;
    }

    private static string ClientDll() => BuiltOutput.Of("client/OrleansCqrs.Client", "cqrs.dll");

    public static Task<Run> RunAsync(params string[] args) => RunAsync(args, new Dictionary<string, string>());

    public static async Task<Run> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ClientDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
