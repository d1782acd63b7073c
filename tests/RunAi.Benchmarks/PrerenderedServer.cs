using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// Serves the simulator's answers pre-rendered, so a benchmark measures the client, not the simulator's page
/// rendering. Runs in the benchmark's process in front of a simulator: the first request for a URL is forwarded and
/// its 200 answer kept byte for byte; every later request for that URL (method, path and query) gets the kept bytes.
/// Warm every URL up before timing (<see cref="Misses"/> says whether a timed run missed). Its own cost is this
/// process's CPU time (<see cref="CpuTime"/>): the benchmark does nothing else while a child runs.
/// </summary>
internal sealed class PrerenderedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.Ordinal);
    private readonly HttpClient _upstream;
    private WebApplication? _app;
    private long _misses;

    private PrerenderedServer(Uri upstream) => _upstream = new HttpClient { BaseAddress = upstream };

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Requests answered by the simulator rather than from memory, since the last <see cref="ResetMisses"/>.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public int Pages => _answers.Count;

    public long Bytes => _answers.Values.Sum(a => (long)a.Length);

    /// <summary>This process's CPU time: read before and after a run, the difference is what serving it cost.</summary>
    public static TimeSpan CpuTime
    {
        get
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }

    public static async Task<PrerenderedServer> StartAsync(Uri upstream)
    {
        var server = new PrerenderedServer(upstream);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        app.Run(server.ServeAsync);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void ResetMisses() => Interlocked.Exchange(ref _misses, 0);

    /// <summary><c>serve N</c>: pre-rendered pages of N workloads for trying things by hand, until Ctrl+C.</summary>
    public static async Task<int> ServeAsync(string root, int workloads)
    {
        using var simulator = Simulator.Start(root, workloads);
        await using var server = await StartAsync(simulator.BaseUri);
        Console.WriteLine($"Serving {workloads:N0} workloads at {server.BaseUri} (token sim-static-token); each page is rendered on its first request. Ctrl+C stops.");
        using var stop = new CancellationTokenSource();
        void Stop(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        // Ctrl+C or a kill: either way the simulator process goes too.
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, Stop);
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, Stop);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token); // holds the connection open until the benchmark stops the server
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app != null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _upstream.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var key = request.Method + " " + request.Path + request.QueryString;
        if (_answers.TryGetValue(key, out var kept))
        {
            await WriteAsync(context.Response, 200, "application/json", kept);
            return;
        }

        Interlocked.Increment(ref _misses);
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Value!.TrimStart('/') + request.QueryString);
        if (request.Headers.Authorization.Count > 0)
        {
            forwarded.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());
        }

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var body = new System.IO.MemoryStream();
            await request.Body.CopyToAsync(body);
            forwarded.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType != null)
            {
                forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        using var answer = await _upstream.SendAsync(forwarded);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        if (request.Method == "GET" && answer.IsSuccessStatusCode)
        {
            _answers[key] = bytes;
        }

        await WriteAsync(context.Response, (int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString(), bytes);
    }

    private static Task WriteAsync(HttpResponse response, int status, string? contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length);
    }
}
