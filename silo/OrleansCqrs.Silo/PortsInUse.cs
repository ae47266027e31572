using System.Net;
using System.Net.Sockets;

namespace OrleansCqrs.Silo;

/// <summary>Checks the silo's ports before anything starts, so a clash is one line naming the port and its setting.</summary>
internal static class PortsInUse
{
    public static (int Port, string Setting)? FirstTaken(SiloSettings settings)
    {
        var web = new Uri(settings.Urls.Split(';')[0].Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"));
        var ports = new[] { (settings.SiloPort, "OrleansCqrs__SiloPort"), (settings.GatewayPort, "OrleansCqrs__GatewayPort"), (web.Port, "OrleansCqrs__Urls") };
        foreach (var (port, setting) in ports)
        {
            if (port != 0 && !IsFree(port))
            {
                return (port, setting);
            }
        }

        return null;
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
