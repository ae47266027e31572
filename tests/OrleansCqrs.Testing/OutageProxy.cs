using System.Net;
using System.Net.Sockets;

namespace OrleansCqrs.Testing;

/// <summary>
/// A TCP proxy in front of PostgreSQL that can play an outage: <see cref="GoDown"/> cuts every open
/// connection and refuses new ones (as a stopped server does), <see cref="ComeBack"/> lets them through again.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private volatile bool _down;

    public OutageProxy(string host, int port)
    {
        _upstream = new IPEndPoint(host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host), port);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void GoDown()
    {
        _down = true;
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try
                {
                    socket.Client?.LingerState = new LingerOption(true, 0); // a reset, like a server that died
                }
                catch (ObjectDisposedException)
                {
                    // Its pump closed it already.
                }

                socket.Dispose();
            }

            _sockets.Clear();
        }
    }

    public void ComeBack() => _down = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_down)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_upstream);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client.GetStream(), server.GetStream(), client, server);
            _ = PumpAsync(server.GetStream(), client.GetStream(), client, server);
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, TcpClient client, TcpClient server)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception)
        {
            // The other side went away or the outage cut it; either way this pair is done.
        }

        client.Dispose();
        server.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        GoDown();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
