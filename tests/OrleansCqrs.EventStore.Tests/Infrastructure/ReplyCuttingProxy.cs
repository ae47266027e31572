using System.Net;
using System.Net.Sockets;

namespace OrleansCqrs.EventStore.Tests.Infrastructure;

/// <summary>
/// A TCP proxy in front of PostgreSQL that, once armed, lets the server finish the next request
/// (including its COMMIT) but cuts the connection before any byte of the reply reaches the client.
/// It follows the server's message framing and cuts at ReadyForQuery, which the server sends only
/// after the transaction has ended. Needs SSL off so the stream is framed from the first byte.
/// </summary>
public sealed class ReplyCuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private volatile bool _armed;
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReplyCuttingProxy(string host, int port)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(host), port);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when a reply was cut after the server said the transaction ended.</summary>
    public Task Cut => _cut.Task;

    /// <summary>Call only while the client's connection is idle, so the next server byte starts a message.</summary>
    public void CutNextReply() => _armed = true;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var server = new TcpClient();
            await server.ConnectAsync(_upstream);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client.GetStream(), server.GetStream(), inspect: false, client, server);
            _ = PumpAsync(server.GetStream(), client.GetStream(), inspect: true, client, server);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool inspect, TcpClient client, TcpClient server)
    {
        var buffer = new byte[64 * 1024];
        var held = new List<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (!inspect || !_armed)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    continue;
                }

                held.AddRange(buffer.AsSpan(0, read).ToArray());
                if (ContainsReadyForQuery(held))
                {
                    _armed = false;
                    client.Close();
                    server.Close();
                    _cut.TrySetResult();
                    return;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || !client.Connected || !server.Connected)
        {
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        client.Close();
        server.Close();
    }

    private static bool ContainsReadyForQuery(List<byte> messages)
    {
        var offset = 0;
        while (offset + 5 <= messages.Count)
        {
            var type = (char)messages[offset];
            var length = (messages[offset + 1] << 24) | (messages[offset + 2] << 16) | (messages[offset + 3] << 8) | messages[offset + 4];
            if (type == 'Z')
            {
                return true;
            }

            offset += 1 + length;
        }

        return false;
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Close();
            }
        }

        return ValueTask.CompletedTask;
    }
}
