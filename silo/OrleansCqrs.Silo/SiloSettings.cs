using System.Net;

namespace OrleansCqrs.Silo;

/// <summary>The silo's settings from configuration (appsettings, OrleansCqrs__* environment variables, --OrleansCqrs:* arguments).</summary>
internal sealed record SiloSettings(
    string Urls,
    bool UsesAdoNetClustering,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort,
    TimeSpan StoreTimeout)
{
    public static SiloSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("OrleansCqrs");
        var clustering = section["Clustering"] ?? "Localhost";
        var usesAdoNet = clustering.Equals("AdoNet", StringComparison.OrdinalIgnoreCase);
        if (!usesAdoNet && !clustering.Equals("Localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"OrleansCqrs:Clustering is '{clustering}'; use Localhost (one silo) or AdoNet (several silos on the same PostgreSQL).");
        }

        return new SiloSettings(
            Urls: section["Urls"] ?? "http://127.0.0.1:8080",
            UsesAdoNetClustering: usesAdoNet,
            ClusterId: section["ClusterId"] ?? "dev",
            ServiceId: section["ServiceId"] ?? "dev",
            AdvertisedAddress: AdvertisedAddressFrom(section["AdvertisedAddress"]),
            SiloPort: section.GetValue("SiloPort", 11111),
            GatewayPort: section.GetValue("GatewayPort", 30000),
            StoreTimeout: TimeSpan.FromSeconds(section.GetValue("StoreTimeoutSeconds", 10.0)));
    }

    /// <summary>Loopback by default; "host" means this machine's own address (what a container or a second machine needs).</summary>
    private static IPAddress AdvertisedAddressFrom(string? configured) => configured switch
    {
        null or "" => IPAddress.Loopback,
        "host" => Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException("OrleansCqrs:AdvertisedAddress is 'host' but this machine has no non-loopback IPv4 address."),
        _ => IPAddress.Parse(configured),
    };
}
