using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace RunAi.Simulator;

/// <summary>
/// Settings and fault knobs of the simulator. The knobs may be changed while the server runs;
/// every property is read once per request (volatile reads), so a change applies to the next request.
/// Data-shaping settings (<see cref="WorkloadCount"/>, <see cref="Seed"/>, <see cref="ReferenceTime"/>,
/// <see cref="UseHttps"/>, <see cref="ServerCertificate"/>, <see cref="Clock"/> and the live mode's settings) are read only at start.
/// </summary>
public sealed class SimulatorOptions
{
    private long latencyTicks;
    private int tooManyRequestsEvery;
    private int retryAfterSeconds = 1;
    private int serviceUnavailableEvery;
    private int truncateBodyEvery;
    private int tokenLifetimeSeconds = 3600;
    private string staticToken = "sim-static-token";
    private string clientId = "sim-client";
    private string clientSecret = "sim-secret";
    private int partialMetrics;
    private Func<RecordedRequest, SimulatedResponse?>? overrideFunc;

    /// <summary>Number of generated workloads (read at start).</summary>
    public int WorkloadCount { get; set; } = 1000;

    /// <summary>Seed of the deterministic data set (read at start).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>"Now" of the data set; defaults to the start time truncated to the hour (read at start).</summary>
    public DateTimeOffset? ReferenceTime { get; set; }

    /// <summary>Listen with HTTPS and an in-memory self-signed certificate (read at start).</summary>
    public bool UseHttps { get; set; }

    /// <summary>The HTTPS certificate (with its private key) instead of the self-signed one, e.g. issued by a test CA (read at start).</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// Live mode: this many workloads are created when the server starts and move Pending → Running → Completed or
    /// Failed on the clock; 0 = off (read at start). They are named <c>live-ok-N</c> and <c>live-fail-N</c> after how
    /// they end, and listed after the generated workloads, which stay as they are.
    /// </summary>
    public int LiveWorkloadCount { get; set; }

    /// <summary>How long each live workload started with the server stays Pending (read at start).</summary>
    public TimeSpan LivePendingTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long each live workload started with the server runs before it ends (read at start).</summary>
    public TimeSpan LiveRunningTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every Nth live workload started with the server ends Failed, the others Completed; 0 = none fails (read at start).</summary>
    public int LiveFailEvery { get; set; } = 2;

    /// <summary>The clock live workloads follow (read at start); tests pass a fake one to step through phases without waiting.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Delay added before every response; honours request abort.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref latencyTicks));
        set => Volatile.Write(ref latencyTicks, value.Ticks);
    }

    /// <summary>Every Nth API request answers 429 (0 = off).</summary>
    public int TooManyRequestsEvery { get => Volatile.Read(ref tooManyRequestsEvery); set => Volatile.Write(ref tooManyRequestsEvery, value); }

    /// <summary>Value of the Retry-After header sent with 429.</summary>
    public int RetryAfterSeconds { get => Volatile.Read(ref retryAfterSeconds); set => Volatile.Write(ref retryAfterSeconds, value); }

    /// <summary>Every Nth API request answers 503 (0 = off). 429 wins when both hit.</summary>
    public int ServiceUnavailableEvery { get => Volatile.Read(ref serviceUnavailableEvery); set => Volatile.Write(ref serviceUnavailableEvery, value); }

    /// <summary>Every Nth API request's body is cut in half (0 = off).</summary>
    public int TruncateBodyEvery { get => Volatile.Read(ref truncateBodyEvery); set => Volatile.Write(ref truncateBodyEvery, value); }

    /// <summary>Lifetime of tokens issued by the token endpoint.</summary>
    public int TokenLifetimeSeconds { get => Volatile.Read(ref tokenLifetimeSeconds); set => Volatile.Write(ref tokenLifetimeSeconds, value); }

    /// <summary>A bearer token that is always accepted.</summary>
    public string StaticToken { get => Volatile.Read(ref staticToken); set => Volatile.Write(ref staticToken, value); }

    /// <summary>Client id accepted by the token endpoint.</summary>
    public string ClientId { get => Volatile.Read(ref clientId); set => Volatile.Write(ref clientId, value); }

    /// <summary>Client secret accepted by the token endpoint.</summary>
    public string ClientSecret { get => Volatile.Read(ref clientSecret); set => Volatile.Write(ref clientSecret, value); }

    /// <summary>When set, metrics endpoints answer 207 with some requested types missing.</summary>
    public bool PartialMetrics { get => Volatile.Read(ref partialMetrics) != 0; set => Volatile.Write(ref partialMetrics, value ? 1 : 0); }

    /// <summary>
    /// Called for every request (token endpoint included) before normal handling; a non-null result is sent instead.
    /// The <see cref="RecordedRequest.StatusCode"/> passed in is 0.
    /// </summary>
    public Func<RecordedRequest, SimulatedResponse?>? Override { get => Volatile.Read(ref overrideFunc); set => Volatile.Write(ref overrideFunc, value); }

    /// <summary>A copy of the knobs (every setting that may change while the server runs), for <see cref="RestoreKnobs"/>.</summary>
    internal SimulatorOptions CopyKnobs()
    {
        var copy = new SimulatorOptions();
        copy.RestoreKnobs(this);
        return copy;
    }

    /// <summary>Sets every knob to the other options' value; the data-shaping settings are left alone.</summary>
    internal void RestoreKnobs(SimulatorOptions from)
    {
        Latency = from.Latency;
        TooManyRequestsEvery = from.TooManyRequestsEvery;
        RetryAfterSeconds = from.RetryAfterSeconds;
        ServiceUnavailableEvery = from.ServiceUnavailableEvery;
        TruncateBodyEvery = from.TruncateBodyEvery;
        TokenLifetimeSeconds = from.TokenLifetimeSeconds;
        StaticToken = from.StaticToken;
        ClientId = from.ClientId;
        ClientSecret = from.ClientSecret;
        PartialMetrics = from.PartialMetrics;
        Override = from.Override;
    }
}
