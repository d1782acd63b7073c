using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunAi.Simulator;

/// <summary>Runs the simulator in-process (tests) or as the executable.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    internal const string TokenPath = "/api/v1/token";
    private const string TruncateKey = "sim.truncate";
    private const string BodyKey = "sim.body";

    private readonly WebApplication app;
    private readonly Api api;
    private readonly List<RecordedRequest> requests = [];
    private readonly Lock requestsGate = new();
    private long apiRequestCounter;
    private int disposed;

    private SimulatorHost(WebApplication app, Api api, SimulatorOptions options, SimulatorData data)
    {
        this.app = app;
        this.api = api;
        Options = options;
        Data = data;
    }

    /// <summary>Base address, with a trailing slash.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The live options; knobs may be changed while the server runs.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The generated data set.</summary>
    public SimulatorData Data { get; }

    /// <summary>Snapshot of the recorded requests in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requestsGate)
            {
                return requests.ToArray();
            }
        }
    }

    /// <summary>Number of API requests (token endpoint excluded) counted for the every-Nth knobs.</summary>
    public long ApiRequestCount => Interlocked.Read(ref apiRequestCounter);

    /// <summary>Forget recorded requests.</summary>
    public void ClearRequests()
    {
        lock (requestsGate)
        {
            requests.Clear();
        }
    }

    /// <summary>Resets the every-Nth counter so the next API request is number 1.</summary>
    public void ResetFaultCounter() => Interlocked.Exchange(ref apiRequestCounter, 0);

    /// <summary>Makes every token issued so far expired (no waiting in tests).</summary>
    public void ExpireAllTokens() => api.ExpireAllTokens();

    /// <summary>Starts on 127.0.0.1 and a free port.</summary>
    public static Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        return StartInternalAsync(options, (options.UseHttps ? "https" : "http") + "://127.0.0.1:0", cancellationToken);
    }

    internal static async Task<SimulatorHost> StartInternalAsync(SimulatorOptions options, string urls, CancellationToken cancellationToken)
    {
        var reference = options.ReferenceTime ?? new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
        var data = new SimulatorData(options.Seed, options.WorkloadCount, reference);
        var api = new Api(data, options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var https = urls.Contains("https://", StringComparison.OrdinalIgnoreCase);
        X509Certificate2? certificate = https ? options.ServerCertificate ?? CreateCertificate() : null;
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            if (certificate is not null)
            {
                k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate);
            }
        });
        if (https)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        var app = builder.Build();
        var host = new SimulatorHost(app, api, options, data);
        app.Use(host.PipelineAsync);
        host.MapRoutes(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server did not report an address.");
        host.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    internal Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await app.StopAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Forced stop: open connections are dropped.
            }
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=RunAi Simulator (untrusted)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private void MapRoutes(WebApplication web)
    {
        void Get(string pattern, Func<HttpContext, ApiResult> handler) => web.MapGet(pattern, ctx => SendAsync(ctx, handler(ctx)));

        web.MapPost(TokenPath, ctx => SendAsync(ctx, api.Token(ctx.Items[BodyKey] as string)));
        Get("/api/v1/workloads", api.ListWorkloads);
        Get("/api/v1/workloads/count", api.CountWorkloads);
        Get("/api/v1/workloads/telemetry", api.Telemetry);
        Get("/api/v1/workloads/{workloadId}", api.GetWorkload);
        Get("/api/v1/workloads/{workloadId}/metrics", api.WorkloadMetrics);
        Get("/api/v1/workloads/{workloadId}/endpoints", api.Endpoints);
        Get("/api/v1/workloads/{workloadId}/elements", api.Elements);
        Get("/api/v1/workloads/{workloadId}/elements/count", api.ElementsCount);
        Get("/api/v1/workloads/{workloadId}/events", api.WorkloadEvents);
        Get("/api/v1/workloads/{workloadId}/history", api.WorkloadHistory);
        Get("/api/v1/workloads/inferences/revisions/{revisionId}/events", api.RevisionEvents);
        Get("/api/v1/workloads/inferences/revisions/{revisionId}/history", api.RevisionHistory);
        Get("/api/v1/workloads/inferences/{workloadId}/revisions", api.Revisions);
        Get("/api/v1/workloads/inferences/{workloadId}/revisions/count", api.RevisionsCount);
        Get("/api/v1/workloads/inferences/revisions/{revisionId}", api.GetRevision);
        Get("/v1/k8s/clusters/{uuid}/pods", api.ClusterPods);
        Get("/api/v1/workloads/pods", api.ListPods);
        Get("/api/v1/workloads/pods/count", api.CountPods);
        Get("/api/v1/workloads/{workloadId}/pods", api.WorkloadPods);
        Get("/api/v1/workloads/{workloadId}/pods/{podId}/metrics", api.PodMetrics);
        Get("/api/v1/workloads/inferences/revisions/{revisionId}/pods", api.RevisionPods);
        Get("/v0/cluster/events", api.MonitorEvents);
        Get("/v0/cluster/events/{event_id}", api.MonitorEventById);
        web.MapFallback(ctx => SendAsync(ctx, IsMonitorPath(ctx.Request.Path)
            ? ApiResult.MonitorError(404, "not_found", "no route for " + ctx.Request.Method + " " + ctx.Request.Path)
            : ApiResult.NotFound("no route for " + ctx.Request.Method + " " + ctx.Request.Path)));
    }

    private static bool IsMonitorPath(PathString path) => path.StartsWithSegments("/v0", StringComparison.OrdinalIgnoreCase);

    private static ApiResult ErrorFor(HttpContext ctx, int status, string message, string details)
        => IsMonitorPath(ctx.Request.Path)
            ? ApiResult.MonitorError(status, status switch { 401 => "unauthorized", 429 => "too_many_requests", 503 => "service_unavailable", _ => "error" }, message, details)
            : ApiResult.Error(status, message, details);

    private static Task SendAsync(HttpContext ctx, ApiResult result)
    {
        var response = ctx.Response;
        response.StatusCode = result.Status;
        response.ContentType = result.ContentType;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        var body = result.Body;
        var length = ctx.Items.ContainsKey(TruncateKey) ? body.Length / 2 : body.Length;
        response.ContentLength = length;
        return response.Body.WriteAsync(body.AsMemory(0, length), ctx.RequestAborted).AsTask();
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, false, 4096, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PipelineAsync(HttpContext ctx, RequestDelegate next)
    {
        var request = ctx.Request;
        var aborted = ctx.RequestAborted;
        string? body = null;
        var query = request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal);
        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        var path = request.Path.Value ?? "/";
        try
        {
            body = await ReadBodyAsync(request, aborted).ConfigureAwait(false);
            ctx.Items[BodyKey] = body;
            var latency = Options.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, aborted).ConfigureAwait(false);
            }

            var scripted = Options.Override?.Invoke(new RecordedRequest(request.Method, path, request.QueryString.Value ?? string.Empty, query, authorization, body, 0));
            if (scripted is not null)
            {
                if (scripted.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(scripted.Delay, aborted).ConfigureAwait(false);
                }

                ctx.Response.StatusCode = scripted.StatusCode;
                foreach (var (name, value) in scripted.Headers)
                {
                    ctx.Response.Headers[name] = value;
                }

                if (scripted.Body is not null)
                {
                    var bytes = Encoding.UTF8.GetBytes(scripted.Body);
                    ctx.Response.ContentType = scripted.ContentType;
                    ctx.Response.ContentLength = bytes.Length;
                    await ctx.Response.Body.WriteAsync(bytes, aborted).ConfigureAwait(false);
                }

                return;
            }

            var isToken = string.Equals(path, TokenPath, StringComparison.OrdinalIgnoreCase);
            if (!isToken)
            {
                var n = Interlocked.Increment(ref apiRequestCounter);
                var every429 = Options.TooManyRequestsEvery;
                var every503 = Options.ServiceUnavailableEvery;
                var everyTruncate = Options.TruncateBodyEvery;
                if (every429 > 0 && n % every429 == 0)
                {
                    var retryAfter = Options.RetryAfterSeconds;
                    var result = ErrorFor(ctx, 429, "Too many requests", "rate limit exceeded; retry after " + retryAfter + " s");
                    result.Headers["Retry-After"] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await SendAsync(ctx, result).ConfigureAwait(false);
                    return;
                }

                if (every503 > 0 && n % every503 == 0)
                {
                    await SendAsync(ctx, ErrorFor(ctx, 503, "Service unavailable", "the control plane is temporarily unavailable")).ConfigureAwait(false);
                    return;
                }

                if (everyTruncate > 0 && n % everyTruncate == 0)
                {
                    ctx.Items[TruncateKey] = true;
                }

                var denied = api.Authorize(authorization);
                if (denied is not null)
                {
                    var result = ErrorFor(ctx, 401, denied == "token expired" ? "token expired" : "Unauthorized", denied);
                    result.Headers["WWW-Authenticate"] = denied == "token expired" ? "Bearer error=\"invalid_token\", error_description=\"token expired\"" : "Bearer";
                    await SendAsync(ctx, result).ConfigureAwait(false);
                    return;
                }
            }

            await next(ctx).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; nothing to send.
            ctx.Response.StatusCode = 499;
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            ctx.Response.StatusCode = 499;
        }
        finally
        {
            var recorded = new RecordedRequest(request.Method, path, request.QueryString.Value ?? string.Empty, query, authorization, body, ctx.Response.StatusCode);
            lock (requestsGate)
            {
                requests.Add(recorded);
            }
        }
    }

    /// <summary>No console messages and no Ctrl+C hooks for in-process hosts.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
