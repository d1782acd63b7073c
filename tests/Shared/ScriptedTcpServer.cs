using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Tests.Servers;

/// <summary>
/// A loopback TCP server that answers each connection with a script, for what no HTTP server does on purpose:
/// headers followed by a body that never comes, a TLS alert instead of a handshake, holding requests open to count
/// connections. Stopping it (Dispose) closes every connection, even when the test failed.
/// </summary>
public sealed class ScriptedTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<NetworkStream, CancellationToken, Task> _script;
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;
    private int _accepted;
    private int _open;
    private int _mostOpen;

    public ScriptedTcpServer(Func<NetworkStream, CancellationToken, Task> script)
    {
        _script = script;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public Uri HttpsBaseUri => new UriBuilder(BaseUri) { Scheme = "https" }.Uri;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The most connections whose script was running at the same time.</summary>
    public int MostOpen => Volatile.Read(ref _mostOpen);

    /// <summary>Headers, then a body that never arrives (the Content-Length promises more than is sent).</summary>
    public static ScriptedTcpServer StallingBody(int status = 200) => new(async (stream, stop) =>
    {
        await ReadHeadAsync(stream, stop);
        var head = $"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"count\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
        await Task.Delay(Timeout.Infinite, stop); // holds the connection open until the test stops the server
    });

    /// <summary>Answers a TLS ClientHello with a fatal handshake_failure alert, as a server that shares no protocol or cipher.</summary>
    public static ScriptedTcpServer RefusingTlsHandshake() => new(async (stream, stop) =>
    {
        var hello = new byte[4096];
        _ = await stream.ReadAsync(hello, stop);
        await stream.WriteAsync(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 }, stop);
    });

    /// <summary>Reads a request's head (through the blank line) and returns it.</summary>
    public static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken stop)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, stop) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    public static Task WriteJsonAsync(NetworkStream stream, string json, CancellationToken stop)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        return stream.WriteAsync((byte[])[.. head, .. body], stop).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var open = Interlocked.Increment(ref _open);
        for (var most = MostOpen; open > most; most = MostOpen)
        {
            Interlocked.CompareExchange(ref _mostOpen, open, most);
        }

        try
        {
            await _script(client.GetStream(), _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is SocketException || ex is ObjectDisposedException)
        {
            // The client went away or the server stopped.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            client.Dispose();
        }
    }
}
