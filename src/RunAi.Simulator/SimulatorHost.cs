using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunAi.Simulator.Endpoints;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Listing;

namespace RunAi.Simulator;

/// <summary>
/// Runs the simulator in-process (tests) or as the executable. A request passes, in order: the recorder, latency and
/// override, the fault knobs, authentication, then the endpoint of its API area (Endpoints/).
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RequestRecorder recorder;
    private readonly FaultInjector faults;
    private readonly TokenStore tokens;
    private readonly SimulatorOptions startKnobs;
    private int disposed;

    private SimulatorHost(WebApplication app, SimulatorOptions options, SimulatorData data, RequestRecorder recorder, FaultInjector faults, TokenStore tokens)
    {
        this.app = app;
        this.recorder = recorder;
        this.faults = faults;
        this.tokens = tokens;
        startKnobs = options.CopyKnobs();
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
    public IReadOnlyList<RecordedRequest> Requests => recorder.Snapshot();

    /// <summary>Number of API requests (token endpoint excluded) counted for the every-Nth knobs.</summary>
    public long ApiRequestCount => faults.Count;

    /// <summary>Forget recorded requests.</summary>
    public void ClearRequests() => recorder.Clear();

    /// <summary>Resets the every-Nth counter so the next API request is number 1.</summary>
    public void ResetFaultCounter() => faults.ResetCount();

    /// <summary>
    /// The state a test starts from: every knob back to its value when the host started (latency, faults, override,
    /// partial metrics, credentials, token lifetime), the every-Nth counter restarted and the request log empty.
    /// Issued tokens stay valid.
    /// </summary>
    public void ResetKnobs()
    {
        Options.RestoreKnobs(startKnobs);
        ResetFaultCounter();
        // A request the last test's client dropped (a page read ahead, say) may still be arriving or ending: wait until
        // none is in flight and none has arrived for a moment, so none of them lands in the next test's log. Bounded,
        // for a request a test leaves hanging.
        var idle = Stopwatch.StartNew();
        while ((recorder.InFlight > 0 || recorder.SinceLastArrival < QuietMoment) && idle.Elapsed < IdleWait)
        {
            Thread.Sleep(5);
        }

        ClearRequests();
    }

    /// <summary>How long <see cref="ResetKnobs"/> waits for requests still in flight.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);

    /// <summary>How long no request may have arrived before <see cref="ResetKnobs"/> clears the log.</summary>
    private static readonly TimeSpan QuietMoment = TimeSpan.FromMilliseconds(30);

    /// <summary>
    /// Adds a live workload created now: Pending for <paramref name="pending"/>, then Running for <paramref name="running"/>,
    /// then <paramref name="outcome"/>, with its events and history records appearing as its phase changes. It is served by
    /// every workload endpoint (get, list, events, history, pods) and listed after the generated workloads. Returns its id.
    /// </summary>
    public Guid AddLiveWorkload(string name, LiveOutcome outcome, TimeSpan pending, TimeSpan running)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(pending, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(running, TimeSpan.Zero);
        return Data.AddLive(name, outcome, pending, running);
    }

    /// <summary>Makes every token issued so far expired (no waiting in tests).</summary>
    public void ExpireAllTokens() => tokens.ExpireAll();

    /// <summary>Starts on 127.0.0.1 and a free port.</summary>
    public static Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        return StartInternalAsync(options, (options.UseHttps ? "https" : "http") + "://127.0.0.1:0", cancellationToken);
    }

    internal static async Task<SimulatorHost> StartInternalAsync(SimulatorOptions options, string urls, CancellationToken cancellationToken)
    {
        var reference = options.ReferenceTime ?? new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, TimeSpan.Zero);
        var data = new SimulatorData(options.Seed, options.WorkloadCount, reference, options.Clock);
        for (var k = 1; k <= options.LiveWorkloadCount; k++)
        {
            var fails = options.LiveFailEvery > 0 && k % options.LiveFailEvery == 0;
            data.AddLive(
                (fails ? "live-fail-" : "live-ok-") + k.ToString(System.Globalization.CultureInfo.InvariantCulture),
                fails ? LiveOutcome.Failed : LiveOutcome.Completed,
                options.LivePendingTime,
                options.LiveRunningTime);
        }

        var app = BuildApplication(urls, options.ServerCertificate);
        var host = new SimulatorHost(app, options, data, new RequestRecorder(), new FaultInjector(options), new TokenStore(options));
        app.Use(host.recorder.InvokeAsync);
        app.Use(new LatencyAndOverride(options).InvokeAsync);
        app.Use(host.faults.InvokeAsync);
        app.Use(new Authenticator(host.tokens).InvokeAsync);
        var lister = new RowLister();
        ApiEndpoints[] areas =
        [
            new TokenEndpoint(data, options, host.tokens),
            new WorkloadEndpoints(data, lister),
            new EventEndpoints(data),
            new RevisionEndpoints(data),
            new PodEndpoints(data, lister),
            new MetricEndpoints(data, options),
            new TelemetryEndpoints(data),
            new ClusterEventEndpoints(data),
        ];
        foreach (var area in areas)
        {
            area.Map(app);
        }

        app.MapFallback(ctx => ServiceErrors.NoRoute(ctx).SendAsync(ctx));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server did not report an address.");
        host.BaseUri = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

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

    /// <summary>Kestrel on the given URLs, quiet, without a Server header; HTTPS with the given certificate, else a self-signed one.</summary>
    private static WebApplication BuildApplication(string urls, X509Certificate2? serverCertificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var https = urls.Contains("https://", StringComparison.OrdinalIgnoreCase);
        var certificate = https ? serverCertificate ?? SelfSignedCertificate.Create() : null;
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

        return builder.Build();
    }
}
