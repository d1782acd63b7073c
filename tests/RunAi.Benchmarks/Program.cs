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

// Benchmarks Get-RunAiWorkload against the simulator (run in its own process, so its memory is not counted):
//   engine  — the cmdlet in a real PowerShell engine, streamed through a pipeline that counts objects;
//   floor   — the same pages fetched one after another with a bare HttpClient and deserialized into the same models;
//   memory  — peak working set of the engine process at 10,000 vs 100,000 workloads;
//   fan-out — the events of 1,000 workloads at 20 ms latency, -ThrottleLimit 1, 4 and 16 (FanOutScenario.cs).
// Each measurement runs in a fresh child process so peak memory is its own.
// Arguments: none (both sizes and fan-out), sizes (`50000`), or `fanout` alone.
if (args.Length > 0 && args[0] == "--child")
{
    return args[1] == "fanout"
        ? FanOutScenario.RunChild(new Uri(args[2]), int.Parse(args[3], CultureInfo.InvariantCulture))
        : await Child.RunAsync(args[1], new Uri(args[2]), int.Parse(args[3], CultureInfo.InvariantCulture));
}

var fanOutOnly = args.Length == 1 && args[0] == "fanout";
var sizes = fanOutOnly ? Array.Empty<int>() : args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : new[] { 10_000, 100_000 };
var root = Child.RepositoryRoot();
Console.WriteLine($"RunAi benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, page size 500");
if (sizes.Length > 0)
{
    Console.WriteLine($"{"listed",10} {"mode",7} {"seconds",8} {"objects/s",10} {"peak MB",8}");
}

foreach (var size in sizes)
{
    using var simulator = Simulator.Start(root, size);
    foreach (var mode in new[] { "floor", "engine" })
    {
        var line = await Child.SpawnAsync(mode, simulator.BaseUri, size);
        var figures = line.Trim().Split(' ');
        if (figures.Length != 3)
        {
            Console.WriteLine($"{size,10} {mode,7} failed: {line}");
            continue;
        }

        var seconds = double.Parse(figures[0], CultureInfo.InvariantCulture);
        var count = long.Parse(figures[1], CultureInfo.InvariantCulture);
        var peak = long.Parse(figures[2], CultureInfo.InvariantCulture);
        Console.WriteLine($"{count,10} {mode,7} {seconds,8:0.00} {count / seconds,10:0} {peak / 1048576.0,8:0}");
    }
}

if (fanOutOnly || args.Length == 0)
{
    await FanOutScenario.RunAsync(root);
}

return 0;

internal static class Child
{
    /// <summary>Runs this benchmark again as a child in <paramref name="mode"/>; its one line of figures, or what went wrong.</summary>
    public static async Task<string> SpawnAsync(string mode, Uri baseUri, int argument)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Child).Assembly.Location);
        }

        foreach (var a in new[] { "--child", mode, baseUri.ToString(), argument.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        var line = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? line : "exit " + child.ExitCode + ": " + line;
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
                setup.AddScript($"Import-Module '{Path.Combine(RepositoryRoot(), "RunAi.psd1")}'; Connect-RunAi -BaseUri '{baseUri}' -Token 'sim-static-token'; Get-RunAiWorkload -First 1000 -PageSize 500 | Out-Null").Invoke();
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds} {count} {self.PeakWorkingSet64}"));
        return count >= expected * 0.9 ? 0 : 1;
    }

    private static async Task<long> FloorAsync(HttpClient http, long max)
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
