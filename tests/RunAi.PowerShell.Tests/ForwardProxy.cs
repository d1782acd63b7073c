using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// A small forward proxy, as a company runs one: HTTPS through CONNECT tunnels, plain HTTP in absolute form, Basic
/// credentials answered with 407 when missing or wrong. It records every request head it saw and every byte it
/// carried from the client, so a test can show what a proxy could read. Host names in <see cref="Hosts"/> resolve
/// only here, which proves a request that reached them went through the proxy.
/// </summary>
public sealed class ForwardProxy : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ProxyRequest> _requests = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly Task _accepting;
    private NetworkCredential? _required;

    private ForwardProxy()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Names only this proxy resolves, and the address each stands for.</summary>
    public ConcurrentDictionary<string, IPAddress> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Basic credentials the proxy demands; null lets everyone through.</summary>
    public NetworkCredential? RequiredCredential { get => Volatile.Read(ref _required); set => Volatile.Write(ref _required, value); }

    public IReadOnlyList<ProxyRequest> Requests => _requests.ToArray();

    public static ForwardProxy Start() => new();

    public void Clear() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _open.Keys)
        {
            client.Dispose();
        }

        await _accepting.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
            {
                return;
            }

            _open[client] = 0;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            if (head is null)
            {
                return;
            }

            var request = ProxyRequest.Parse(head);
            _requests.Enqueue(request);
            if (!IsAuthorized(request))
            {
                request.Status = 407;
                await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test proxy\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }

            var (host, port) = request.Method == "CONNECT" ? SplitAuthority(request.Target) : FromAbsolute(request.Target);
            using var upstream = new TcpClient();
            _open[upstream] = 0;
            try
            {
                await upstream.ConnectAsync(Hosts.TryGetValue(host, out var mapped) ? mapped.ToString() : host, port, _stop.Token);
            }
            catch (SocketException)
            {
                request.Status = 502;
                await WriteAsync(stream, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }

            var server = upstream.GetStream();
            request.Status = 200;
            if (request.Method == "CONNECT")
            {
                await WriteAsync(stream, "HTTP/1.1 200 Connection established\r\n\r\n");
            }
            else
            {
                await WriteAsync(server, request.OriginFormHead());
            }

            // Relay both ways until either side closes; what the client sends is kept for the test to inspect.
            var fromClient = CopyAsync(stream, server, request);
            var fromServer = CopyAsync(server, stream, null);
            await Task.WhenAny(fromClient, fromServer);
            _open.TryRemove(upstream, out _);
        }
        catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException)
        {
            // A client or server that went away, or the proxy stopping.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private bool IsAuthorized(ProxyRequest request)
    {
        var required = RequiredCredential;
        if (required is null)
        {
            return true;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(required.UserName + ":" + required.Password));
        return string.Equals(request.Header("Proxy-Authorization"), expected, StringComparison.Ordinal);
    }

    private async Task CopyAsync(Stream from, Stream to, ProxyRequest? record)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            record?.Carried(buffer.AsSpan(0, read));
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private async Task<string?> ReadHeadAsync(Stream stream)
    {
        // Byte by byte, so nothing after the head (a request body) is read here and lost.
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < MaxHeadBytes)
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                return Encoding.ASCII.GetString(head.ToArray());
            }
        }

        return null;
    }

    private Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token).AsTask();

    private static (string Host, int Port) SplitAuthority(string authority)
    {
        var colon = authority.LastIndexOf(':');
        return (authority[..colon].Trim('[', ']'), int.Parse(authority[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (string Host, int Port) FromAbsolute(string target)
    {
        var uri = new Uri(target);
        return (uri.Host, uri.Port);
    }
}

/// <summary>One request a <see cref="ForwardProxy"/> saw: its head, the status it answered, and what it carried.</summary>
public sealed class ProxyRequest
{
    private readonly List<byte> _carried = new();

    private ProxyRequest(string method, string target, IReadOnlyList<KeyValuePair<string, string>> headers, string head)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Head = head;
    }

    public string Method { get; }

    /// <summary>host:port for CONNECT, the absolute address for plain HTTP.</summary>
    public string Target { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The request line and headers as they arrived.</summary>
    public string Head { get; }

    public int Status { get; set; }

    /// <summary>Every byte the client sent after the head (the TLS records of a tunnel), as Latin-1 text to search.</summary>
    public string CarriedText
    {
        get
        {
            lock (_carried)
            {
                return Encoding.Latin1.GetString(_carried.ToArray());
            }
        }
    }

    public string? Header(string name) => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public override string ToString() => $"{Method} {Target} -> {Status}";

    internal static ProxyRequest Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty))
            .ToList();
        return new ProxyRequest(parts[0], parts[1], headers, head);
    }

    internal void Carried(ReadOnlySpan<byte> bytes)
    {
        lock (_carried)
        {
            if (_carried.Count < 4 * 1024 * 1024)
            {
                _carried.AddRange(bytes.ToArray());
            }
        }
    }

    /// <summary>The head to send to the server: origin-form, without the proxy's own headers, and one request per connection.</summary>
    internal string OriginFormHead()
    {
        var uri = new Uri(Target);
        var text = new StringBuilder().Append(Method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in Headers)
        {
            if (!name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return text.Append("Connection: close\r\n\r\n").ToString();
    }
}
