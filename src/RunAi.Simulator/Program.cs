using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Simulator;

// --live alone starts this many live workloads.
const int DefaultLiveWorkloads = 4;

var options = new SimulatorOptions();
var urls = "http://127.0.0.1:5080";
for (var k = 0; k < args.Length; k++)
{
    var name = args[k];
    string Value()
    {
        if (k + 1 >= args.Length)
        {
            throw new ArgumentException("missing value for " + name);
        }

        return args[++k];
    }

    int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    switch (name)
    {
        case "--urls": urls = Value(); break;
        case "--workloads": options.WorkloadCount = Int(); break;
        case "--seed": options.Seed = Int(); break;
        case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Int()); break;
        case "--token-lifetime": options.TokenLifetimeSeconds = Int(); break;
        case "--static-token": options.StaticToken = Value(); break;
        case "--client-id": options.ClientId = Value(); break;
        case "--client-secret": options.ClientSecret = Value(); break;
        case "--fail-429-every": options.TooManyRequestsEvery = Int(); break;
        case "--fail-503-every": options.ServiceUnavailableEvery = Int(); break;
        case "--truncate-every": options.TruncateBodyEvery = Int(); break;
        case "--retry-after": options.RetryAfterSeconds = Int(); break;
        case "--live": options.LiveWorkloadCount = Math.Max(options.LiveWorkloadCount, DefaultLiveWorkloads); break;
        case "--live-workloads": options.LiveWorkloadCount = Int(); break;
        case "--pending-seconds": options.LivePendingTime = TimeSpan.FromSeconds(Int()); break;
        case "--running-seconds": options.LiveRunningTime = TimeSpan.FromSeconds(Int()); break;
        case "--live-fail-every": options.LiveFailEvery = Int(); break;
        case "--help" or "-h":
            Console.WriteLine("RunAi.Simulator [--urls http://127.0.0.1:5080] [--workloads N] [--seed N] [--latency-ms N] [--token-lifetime N] [--static-token X] [--client-id X] [--client-secret X] [--fail-429-every N] [--fail-503-every N] [--truncate-every N] [--retry-after N] [--live] [--live-workloads N] [--pending-seconds N] [--running-seconds N] [--live-fail-every N]");
            return 0;
        default:
            await Console.Error.WriteLineAsync("unknown argument: " + name).ConfigureAwait(false);
            return 2;
    }
}

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    try
    {
        stop.Cancel();
    }
    catch (ObjectDisposedException)
    {
        // already shutting down
    }
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

await using var host = await SimulatorHost.StartInternalAsync(options, urls, CancellationToken.None).ConfigureAwait(false);
Console.WriteLine("Listening on " + host.BaseUri);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Static token: {options.StaticToken}  Client id: {options.ClientId}  Client secret: {options.ClientSecret}  Workloads: {options.WorkloadCount}  Seed: {options.Seed}{Live(options)}  (Ctrl+C to stop)"));
try
{
    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    // Ctrl+C
}

return 0;

static string Live(SimulatorOptions options) => options.LiveWorkloadCount == 0 ? string.Empty : string.Create(
    CultureInfo.InvariantCulture,
    $"  Live: {options.LiveWorkloadCount} (pending {options.LivePendingTime.TotalSeconds} s, running {options.LiveRunningTime.TotalSeconds} s, every {options.LiveFailEvery} fails)");
