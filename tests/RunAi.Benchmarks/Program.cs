using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using RunAi.Client.Json;

// Benchmarks Get-RunAiWorkload against pre-rendered simulator pages (PrerenderedServer.cs: the simulator renders
// each page once, then the benchmark's own server answers from memory and prints what that costs), so the figures are
// the client's, not the simulator's:
//   warm    — in one process, after a warm-up:
//     engine  — the cmdlet in a real PowerShell engine, streamed through a pipeline that counts objects;
//     floor   — the same pages fetched one after another with a bare HttpClient and deserialized into the same models;
//     memory  — peak working set of each process at 10,000 vs 100,000 workloads;
//   cold    — a new pwsh per run: import → connect → list, beside an Invoke-RestMethod loop and the floor (ColdRuns.cs);
//   fan-out — the events of 1,000 workloads at 20 ms latency, -ThrottleLimit 1, 4 and 16 (FanOutScenario.cs);
//   wan     — 10,000 workloads in pages of 500 at 200 ms latency, listed by a fresh pwsh (WanScenario.cs).
// Each measurement runs in a fresh child process so peak memory is its own. Arguments: BenchmarkOptions.cs.
if (args.Length > 0 && args[0] == "--child")
{
    return args[1] switch
    {
        "fanout" => FanOutScenario.RunChild(new Uri(args[2]), int.Parse(args[3], CultureInfo.InvariantCulture)),
        "coldfloor" => await ColdRuns.FloorChildAsync(new Uri(args[2]), int.Parse(args[3], CultureInfo.InvariantCulture)),
        _ => await Child.RunAsync(args[1], new Uri(args[2]), int.Parse(args[3], CultureInfo.InvariantCulture)),
    };
}

if (args.Length is 2 or 3 && args[0] == "serve")
{
    var latency = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
    return await PrerenderedServer.ServeAsync(Child.RepositoryRoot(), int.Parse(args[1], CultureInfo.InvariantCulture), latency);
}

var options = BenchmarkOptions.Parse(args);
var root = Child.RepositoryRoot();
Console.WriteLine($"RunAi benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, page size 500");
if (options.Warm)
{
    Console.WriteLine($"Warm runs (after a warm-up, in one process each); module: {options.Manifest}");
    Console.WriteLine($"{"listed",10} {"mode",7} {"seconds",8} {"objects/s",10} {"peak MB",8} {"server CPU",11}");
}

foreach (var size in options.Warm ? options.WarmSizes : Array.Empty<int>())
{
    using var simulator = Simulator.Start(root, size);
    await using var pages = await PrerenderedServer.StartAsync(simulator.BaseUri);
    // An untimed floor run first has every page rendered, so neither timed run waits on the simulator.
    var render = Child.Command("floor", pages.BaseUri, size);
    await ColdRun.StartAsync(render, size);
    pages.ResetMisses();
    foreach (var mode in new[] { "floor", "engine" })
    {
        var start = Child.Command(mode, pages.BaseUri, size);
        start.Environment[Child.ManifestVariable] = options.Manifest;
        var run = await ColdRun.StartAsync(start, size);
        if (run.Failure != null)
        {
            Console.WriteLine($"{size,10} {mode,7} failed: {run.Failure}");
            continue;
        }

        // The server's share is of the timed listing (the child also starts and warms up while the server idles).
        var seconds = run.Figures["seconds"];
        var count = run.Figures["count"];
        Console.WriteLine($"{count,10} {mode,7} {seconds,8:0.00} {count / seconds,10:0} {run.PeakMegabytes,8:0} {run.ServerSeconds / seconds,10:P0}");
    }

    Console.WriteLine($"{string.Empty,10} answers not pre-rendered during the timed runs: {pages.Misses}");
}

if (options.Cold)
{
    await ColdRuns.RunAsync(root, options);
}

if (options.FanOut)
{
    await FanOutScenario.RunAsync(root);
}

if (options.Wan)
{
    await WanScenario.RunAsync(root, options);
}

return 0;

internal static class Child
{
    /// <summary>The manifest the engine child imports, when not the repository's own (set by <see cref="BenchmarkOptions"/>).</summary>
    public const string ManifestVariable = "RUNAI_BENCHMARK_MANIFEST";

    /// <summary>Runs this benchmark again as a child in <paramref name="mode"/>; its one line of figures, or what went wrong.</summary>
    public static async Task<string> SpawnAsync(string mode, Uri baseUri, int argument)
    {
        var start = Command(mode, baseUri, argument);
        start.RedirectStandardOutput = true;
        using var child = Process.Start(start)!;
        var line = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? line : "exit " + child.ExitCode + ": " + line;
    }

    /// <summary>This benchmark again, as a child in <paramref name="mode"/>.</summary>
    public static ProcessStartInfo Command(string mode, Uri baseUri, int argument)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Child).Assembly.Location);
        }

        foreach (var a in new[] { "--child", mode, baseUri.ToString(), argument.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    public static async Task<int> RunAsync(string mode, Uri baseUri, int expected)
    {
        // Warm up both paths on a small slice so JIT time is not counted.
        var clock = new Stopwatch();
        long count;
        if (mode == "floor")
        {
            using var http = new HttpClient { BaseAddress = baseUri };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
            await FloorAsync(http, 1000);
            clock.Start();
            count = await FloorAsync(http, long.MaxValue);
        }
        else
        {
            var state = InitialSessionState.CreateDefault2();
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using (var setup = PowerShell.Create())
            {
                setup.Runspace = runspace;
                var manifest = Environment.GetEnvironmentVariable(ManifestVariable) ?? Path.Combine(RepositoryRoot(), "RunAi.psd1");
                setup.AddScript($"Import-Module '{manifest}'; Connect-RunAi -BaseUri '{baseUri}' -Token 'sim-static-token'; Get-RunAiWorkload -First 1000 -PageSize 500 | Out-Null").Invoke();
            }

            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript("$n = 0; Get-RunAiWorkload -PageSize 500 | ForEach-Object { $n++ }; $n");
            clock.Start();
            count = Convert.ToInt64(shell.Invoke().Single().BaseObject, CultureInfo.InvariantCulture);
            if (shell.HadErrors)
            {
                Console.WriteLine(string.Join("; ", shell.Streams.Error));
                return 1;
            }
        }

        clock.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds={clock.Elapsed.TotalSeconds} count={count} peak={self.PeakWorkingSet64}"));
        return count >= expected * 0.9 ? 0 : 1;
    }

    public static async Task<long> FloorAsync(HttpClient http, long max)
    {
        long count = 0;
        long offset = 0;
        while (count < max)
        {
            using var response = await http.GetAsync($"api/v1/workloads?offset={offset}&limit=500", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var page = await JsonSerializer.DeserializeAsync(stream, RunAiJsonContext.Default.WorkloadsPage);
            count += page!.Workloads!.Count;
            if (page.Next is not long next || page.Workloads.Count == 0)
            {
                break;
            }

            offset = next;
        }

        return count;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "RunAi.PowerShell.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

internal sealed class Simulator : IDisposable
{
    private readonly Process _process;

    private Simulator(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static Simulator Start(string root, int workloads, params string[] options)
    {
        var dll = Directory.GetFiles(Path.Combine(root, "src", "RunAi.Simulator", "bin"), "RunAi.Simulator.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--urls", "http://127.0.0.1:0", "--workloads", workloads.ToString(CultureInfo.InvariantCulture) }.Concat(options))
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        var first = process.StandardOutput.ReadLine() ?? string.Empty;
        if (!first.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("simulator did not start: " + first);
        }

        return new Simulator(process, new Uri(first["Listening on ".Length..]));
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
