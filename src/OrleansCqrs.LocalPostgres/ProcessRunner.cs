using System.Diagnostics;

namespace OrleansCqrs.LocalPostgres;

/// <summary>Runs the PostgreSQL programs, as the postgres user when this process is root (initdb refuses root).</summary>
internal static class ProcessRunner
{
    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public static async Task<string> RunPostgresProgramAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        if (RunsAsRoot)
        {
            return await RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], cancellationToken);
        }

        return await RunAsync(program, arguments, cancellationToken);
    }

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }
}
