using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCqrs.Banking;
using OrleansCqrs.EventSourcing.Hosting;

namespace OrleansCqrs.Benchmarks;

/// <summary>A silo with the banking grains and a cluster client reaching it through its gateway, in one process.</summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    private const int SiloPort = 11311;
    private const int GatewayPort = 30300;

    private readonly IHost _silo;
    private readonly IHost _client;

    private BenchmarkCluster(IHost silo, IHost client)
    {
        _silo = silo;
        _client = client;
    }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <param name="readModels">Run the stream provider and projections too (they share the machine with what is measured).</param>
    public static async Task<BenchmarkCluster> StartAsync(
        string connectionString, bool readModels = true, Action<EventSourcing.Snapshots.SnapshotOptions>? snapshots = null)
    {
        var silo = Host.CreateApplicationBuilder();
        silo.Logging.SetMinimumLevel(LogLevel.Warning);
        silo.Services.AddPostgresEventStore(connectionString, BankingEventTypes.Register);
        silo.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(SiloPort, GatewayPort);
            if (readModels)
            {
                orleans.AddBanking(snapshots: snapshots);
            }
            else
            {
                orleans.AddEventStoreLogConsistencyProvider(snapshots: snapshots);
            }
        });
        var siloHost = silo.Build();
        await siloHost.StartAsync();

        var client = Host.CreateApplicationBuilder();
        client.Logging.SetMinimumLevel(LogLevel.Warning);
        client.UseOrleansClient(orleans => orleans.UseLocalhostClustering(GatewayPort));
        var clientHost = client.Build();
        await clientHost.StartAsync();
        return new BenchmarkCluster(siloHost, clientHost);
    }

    public Task DeactivateAllAsync() => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.StopAsync();
        _silo.Dispose();
    }
}
