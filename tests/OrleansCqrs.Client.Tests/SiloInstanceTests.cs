using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrleansCqrs.Testing;

namespace OrleansCqrs.Client.Tests;

/// <summary>
/// Two silo processes on one machine, as `./dev run` starts them: each on its own ports and data folder stays apart; a
/// second one on the first's ports or folder refuses in one line naming the setting to change.
/// </summary>
public sealed class SiloInstanceTests : IAsyncLifetime
{
    private readonly List<Process> _silos = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleanscqrs-instances-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Independent_silos_stay_apart_and_a_clash_is_refused_naming_the_setting()
    {
        var a = new Instance(FreePort(), FreePort(), FreePort(), Path.Combine(_root, "a"));
        var (aSilo, aOutput) = Start(a);
        await WaitReadyAsync(aSilo, aOutput);

        // The same ports again: one line, the port and its setting, before anything else starts.
        var clash = a with { DataDirectory = Path.Combine(_root, "b") };
        var (clashSilo, clashOutput) = Start(clash);
        Assert.True(clashSilo.WaitForExit(TimeSpan.FromSeconds(60)), "the clashing silo should end");
        Assert.Equal(1, clashSilo.ExitCode);
        Assert.Contains($"Port {a.SiloPort} is in use", clashOutput.ToString());
        Assert.Contains("OrleansCqrs__SiloPort", clashOutput.ToString());

        // Its own ports but the first one's data folder: a one-silo cluster never shares it.
        var sameFolder = new Instance(FreePort(), FreePort(), FreePort(), a.DataDirectory);
        var (sameSilo, sameOutput) = Start(sameFolder);
        Assert.True(sameSilo.WaitForExit(TimeSpan.FromSeconds(90)), "the silo on a used data folder should end");
        Assert.Equal(1, sameSilo.ExitCode);
        Assert.Contains("OrleansCqrs__DataDirectory", sameOutput.ToString());

        // Its own ports and folder: a cluster of its own, whose accounts the first never sees.
        var b = new Instance(FreePort(), FreePort(), FreePort(), Path.Combine(_root, "b"));
        var (bSilo, bOutput) = Start(b);
        await WaitReadyAsync(bSilo, bOutput);
        Assert.Equal(0, (await Cqrs(b, "customer", "register", "only-b", "--name", "B", "--email", "b@example.com")).ExitCode);
        Assert.Equal(0, (await Cqrs(b, "customer", "show", "only-b")).ExitCode);
        Assert.Equal(3, (await Cqrs(a, "customer", "show", "only-b")).ExitCode);
    }

    private sealed record Instance(int SiloPort, int GatewayPort, int WebPort, string DataDirectory);

    private static Task<CqrsProcess.Run> Cqrs(Instance instance, params string[] args) =>
        CqrsProcess.RunAsync([.. args, "--gateway", instance.GatewayPort.ToString(), "--connect-timeout", "10"], new Dictionary<string, string>());

    private (Process Silo, StringBuilder Output) Start(Instance instance)
    {
        var silo = BuiltOutput.Of("silo/OrleansCqrs.Silo", "OrleansCqrs.Silo.dll");
        var start = new ProcessStartInfo("dotnet", [silo])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(silo)!,
        };
        start.Environment["OrleansCqrs__SiloPort"] = instance.SiloPort.ToString();
        start.Environment["OrleansCqrs__GatewayPort"] = instance.GatewayPort.ToString();
        start.Environment["OrleansCqrs__Urls"] = $"http://127.0.0.1:{instance.WebPort}";
        start.Environment["OrleansCqrs__DataDirectory"] = instance.DataDirectory;
        start.Environment.Remove("ORLEANSCQRS_CONNECTION");
        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _silos.Add(process);
        return (process, output);
    }

    private static async Task WaitReadyAsync(Process silo, StringBuilder output) =>
        await Poll.UntilAsync(() =>
        {
            Assert.False(silo.HasExited, $"the silo ended: {output}");
            lock (output)
            {
                return Task.FromResult(output.ToString().Contains("OrleansCqrs silo ready at"));
            }
        }, TimeSpan.FromSeconds(120), "the silo to be ready");

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            // SIGTERM: the silo shuts down gracefully and stops its private PostgreSQL.
            Process.Start("kill", ["-TERM", silo.Id.ToString()])?.WaitForExit();
        }

        foreach (var silo in _silos)
        {
            if (!silo.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                silo.Kill(entireProcessTree: true);
            }

            await Task.CompletedTask;
            silo.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
