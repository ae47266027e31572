using System.Diagnostics;

namespace OrleansCqrs.Benchmarks;

/// <summary>
/// One `cqrs account state` end to end, as a person at the terminal waits for it: process start, connect, one grain
/// call, exit. Runs against a silo already running (./dev run); alternates the client builds it is given so their
/// figures share the machine's noise. Prints the median of the runs per build.
/// </summary>
internal static class ClientRoundTripScenario
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        var runs = options.Int("runs", 10);
        var gateway = options.Int("gateway", 30000);
        var clients = options.String("clients", DefaultClient()).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var account = "bench-client-" + Guid.NewGuid().ToString("N")[..8];
        await RunOnceAsync(clients[0], gateway, "customer", "register", account, "--name", "Bench", "--email", "bench@example.com");
        await RunOnceAsync(clients[0], gateway, "account", "open", account, "--customer", account, "--currency", "EUR");

        var times = clients.ToDictionary(c => c, _ => new List<double>());
        foreach (var client in clients)
        {
            await RunOnceAsync(client, gateway, "account", "state", account); // warm-up: disk cache, silo activation
        }

        for (var run = 0; run < runs; run++)
        {
            foreach (var client in clients)
            {
                var clock = Stopwatch.StartNew();
                var exit = await RunOnceAsync(client, gateway, "account", "state", account);
                clock.Stop();
                if (exit != 0)
                {
                    throw new InvalidOperationException($"{client} exited {exit}");
                }

                times[client].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var (client, ms) in times)
        {
            ms.Sort();
            Console.WriteLine(
                $"scenario=client-roundtrip client={client} runs={runs} median_ms={ms[ms.Count / 2]:0} min_ms={ms[0]:0} max_ms={ms[^1]:0}");
        }
    }

    private static string DefaultClient()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OrleansCqrs.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root!.FullName, "client", "OrleansCqrs.Client", "bin", here.Parent!.Name, here.Name, "cqrs.dll");
    }

    private static async Task<int> RunOnceAsync(string client, int gateway, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(client);
        foreach (var arg in args.Append("--gateway").Append(gateway.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, errors);
        return process.ExitCode;
    }
}
