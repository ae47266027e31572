using Npgsql;
using Orleans.TestingHost;

namespace OrleansCqrs.EventSourcing.Tests.Infrastructure;

/// <summary>
/// Two silos (in-process TestCluster) running the banking grains on the EventStore provider, against a
/// fresh PostgreSQL database reached through an <see cref="OutageProxy"/>.
/// </summary>
public class BankingCluster : IAsyncLifetime
{
    public const string ConnectionStringKey = "OrleansCqrs:TestConnectionString";
    public const string StoreTimeoutKey = "OrleansCqrs:TestStoreTimeoutSeconds";
    public const string MaxDeliveryTimeKey = "OrleansCqrs:TestMaxDeliverySeconds";

    /// <summary>Short, so outage tests finish quickly; still long enough for a loaded CI machine's appends.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(4);

    public TestDatabase Database { get; } = TestDatabase.WithMigrationsOf(Banking.BankingSiloBuilderExtensions.MigrationComponents);

    public OutageProxy Proxy { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    protected virtual short Silos => 2;

    /// <summary>
    /// How long Orleans retries a projection delivery before giving up (the grain's catch-up reminder then takes over);
    /// null for the provider's default.
    /// </summary>
    protected virtual TimeSpan? MaxDeliveryTime => TimeSpan.FromSeconds(3);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(Database.ApplicationConnectionString);
        Proxy = new OutageProxy(direct.Host!, direct.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(Database.ApplicationConnectionString)
        {
            Host = "127.0.0.1",
            Port = Proxy.Port,
            // Connections the outage cut are found dead at once instead of after a keep-alive interval.
            Timeout = 3,
        };

        var builder = new TestClusterBuilder(Silos);
        // Real sockets, as in production: the cqrs client can then be run as a process against this cluster's gateway.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[ConnectionStringKey] = throughProxy.ConnectionString;
        builder.Properties[StoreTimeoutKey] = StoreTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (MaxDeliveryTime is { } maxDeliveryTime)
        {
            builder.Properties[MaxDeliveryTimeKey] = maxDeliveryTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.AddSiloBuilderConfigurator<BankingSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Deactivates every idle grain on every silo, so the next call loads from the store.</summary>
    public Task DeactivateAllAsync() =>
        Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Proxy.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BankingClusterCollection : ICollectionFixture<BankingCluster>
{
    public const string Name = "banking cluster";
}
