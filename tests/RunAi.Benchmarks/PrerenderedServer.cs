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
    private long _requests;

    private PrerenderedServer(Uri upstream) => _upstream = new HttpClient { BaseAddress = upstream };

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Requests answered by the simulator rather than from memory, since the last <see cref="ResetMisses"/>.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public int Pages => _answers.Count;

    /// <summary>Every request answered since the server started.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>How long every answer waits before it is sent (a server across a real network); zero by default.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// When set, the workload list ends after this many items: pages are cut there and the last one announces no
    /// <c>next</c>, as a server holding exactly that many would answer (the simulator's count includes deleted workloads).
    /// </summary>
    public int? WorkloadsEndAt { get; init; }

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

    public static async Task<PrerenderedServer> StartAsync(Uri upstream, int? workloadsEndAt = null)
    {
        var server = new PrerenderedServer(upstream) { WorkloadsEndAt = workloadsEndAt };
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

    /// <summary><c>serve N [latency ms]</c>: pre-rendered pages of N workloads for trying things by hand, until Ctrl+C.</summary>
    public static async Task<int> ServeAsync(string root, int workloads, int latencyMs)
    {
        using var simulator = Simulator.Start(root, workloads);
        await using var server = await StartAsync(simulator.BaseUri);
        server.Latency = TimeSpan.FromMilliseconds(latencyMs);
        Console.WriteLine($"Serving {workloads:N0} workloads at {server.BaseUri} (token sim-static-token), each answer after {latencyMs} ms; each page is rendered on its first request. Ctrl+C stops.");
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
        Interlocked.Increment(ref _requests);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

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
            bytes = CutWorkloads(request, bytes);
            _answers[key] = bytes;
        }

        await WriteAsync(context.Response, (int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString(), bytes);
    }

    /// <summary>A page of the workload list cut at <see cref="WorkloadsEndAt"/>; any other answer as it is.</summary>
    private byte[] CutWorkloads(HttpRequest request, byte[] bytes)
    {
        if (WorkloadsEndAt is not int end || request.Path != "/api/v1/workloads"
            || !long.TryParse(request.Query["offset"], System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            return bytes;
        }

        var page = System.Text.Json.Nodes.JsonNode.Parse(bytes)!.AsObject();
        var items = page["workloads"]!.AsArray();
        while (items.Count > 0 && offset + items.Count > end)
        {
            items.RemoveAt(items.Count - 1);
        }

        if (offset + items.Count >= end)
        {
            page.Remove("next");
        }

        return System.Text.Encoding.UTF8.GetBytes(page.ToJsonString());
    }

    private static Task WriteAsync(HttpResponse response, int status, string? contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length);
    }
}
