using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using RunAi.Client.Json;

/// <summary>
/// The WAN scenario: 10,000 workloads in pages of 500 from the pre-rendered pages (<see cref="PrerenderedServer"/>) answering
/// every request after 200 ms, as a server across a real network would. Each run is a fresh pwsh
/// (Scripts/WanModule.ps1) that imports, connects and lists; the figure is the listing's time, beside the floor of
/// reading one page at a time (20 × 0.2 s = 4.0 s). Each run also proves every item came once and in the server's order
/// (a digest of the ids against the server's own). With --baseline, another build takes turns with this one.
/// </summary>
internal static class WanScenario
{
    private const int Workloads = 10_000;
    private const int PageSize = 500;
    private const int LatencyMs = 200;
    private const double GoalSeconds = 1.6;

    public static async Task RunAsync(string root, BenchmarkOptions options)
    {
        Console.WriteLine();
        var pages = Workloads / PageSize;
        var floor = pages * LatencyMs / 1000.0;
        Console.WriteLine($"WAN: {Workloads:N0} workloads in pages of {PageSize}, every answer after {LatencyMs} ms; a fresh pwsh per run lists them all; {options.Runs} runs each, median (min–max)");
        var pwsh = PwshInfo.Resolve(options, root);
        if (pwsh is null || !File.Exists(pwsh))
        {
            Console.WriteLine("skipped: no pwsh");
            return;
        }

        Console.WriteLine($"pwsh: {PwshInfo.Describe(pwsh)}; load average before: {ColdRuns.LoadAverage()}");

        // A fifth more than needed (deleted workloads are not listed); the pages end the list at exactly 10,000.
        using var simulator = Simulator.Start(root, Workloads * 6 / 5);
        await using var server = await PrerenderedServer.StartAsync(simulator.BaseUri, Workloads);
        var expected = await ServerOrderAsync(server.BaseUri);
        var script = Path.Combine(root, "tests", "RunAi.Benchmarks", "Scripts", "WanModule.ps1");
        var subjects = new List<(string Name, string Manifest)> { ("module", options.Manifest) };
        if (options.Baseline != null)
        {
            subjects.Add(("module, baseline", options.Baseline));
        }

        ProcessStartInfo Start(string manifest) => ColdRuns.PwshCommand(pwsh, "-NoProfile", "-NonInteractive", "-File", script, "-Manifest", manifest, "-BaseUri", server.BaseUri.ToString());

        // Untimed, without latency: warms the disk cache and renders any page the module asks for differently.
        foreach (var subject in subjects)
        {
            await ColdRun.StartAsync(Start(subject.Manifest), Workloads);
        }

        server.ResetMisses();
        server.Latency = TimeSpan.FromMilliseconds(LatencyMs);
        var runs = subjects.ToDictionary(s => s.Name, _ => new List<(ColdRun Run, long Requests, string Output)>());
        for (var round = 0; round < options.Runs; round++)
        {
            foreach (var subject in subjects)
            {
                var before = server.Requests;
                var run = await ColdRun.StartAsync(Start(subject.Manifest), Workloads);
                var requests = server.Requests - before;
                if (run.Failure != null)
                {
                    Console.WriteLine($"{subject.Name}: run {round + 1} failed: {run.Failure}");
                    continue;
                }

                runs[subject.Name].Add((run, requests, Check(run, expected)));
            }
        }

        Console.WriteLine($"{"subject",-18} {"list s",-18} {"floor s",8} {"x floor",8} {"process s",10} {"requests",9}  output (every run)");
        foreach (var subject in subjects)
        {
            var done = runs[subject.Name];
            if (done.Count == 0)
            {
                continue;
            }

            var list = done.Select(r => r.Run.Figures["list"] / 1000).ToList();
            var median = ColdRuns.Median(list);
            var outputs = done.Select(r => r.Output).Distinct().ToList();
            var requests = string.Join("/", done.Select(r => r.Requests).Distinct().OrderBy(r => r));
            Console.WriteLine($"{subject.Name,-18} {$"{median:0.00} ({list.Min():0.00}–{list.Max():0.00})",-18} {floor,8:0.00} {median / floor,8:0.00} {ColdRuns.Median(done.Select(r => r.Run.Seconds)),10:0.00} {requests,9}  {string.Join("; ", outputs)}");
            Console.WriteLine($"  goal: the listing ≤ {GoalSeconds:0.0} s (one page at a time takes {floor:0.0} s): {(median <= GoalSeconds ? "met" : "NOT met")}");
        }

        Console.WriteLine($"answers not pre-rendered during timed runs: {server.Misses}; load average after: {ColdRuns.LoadAverage()}");
    }

    /// <summary>"all N once, in order", or what is wrong.</summary>
    private static string Check(ColdRun run, string expectedDigest)
    {
        var count = run.Figures["count"];
        var distinct = run.Figures.TryGetValue("distinct", out var d) ? d : double.NaN;
        var digest = run.Line.Split(' ').FirstOrDefault(p => p.StartsWith("digest=x", StringComparison.Ordinal))?["digest=x".Length..];
        if (count != Workloads || distinct != Workloads)
        {
            return $"WRONG: {count} items, {distinct} distinct";
        }

        return digest == expectedDigest ? $"all {Workloads:N0} once, in the server's order" : "WRONG ORDER (digest differs from the server's)";
    }

    /// <summary>The digest of every id in the server's order, read one page at a time before latency is turned on.</summary>
    private static async Task<string> ServerOrderAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
        var ids = new List<string>();
        long? offset = 0;
        while (offset is long at)
        {
            await using var stream = await http.GetStreamAsync($"api/v1/workloads?offset={at}&limit={PageSize}");
            var page = await JsonSerializer.DeserializeAsync(stream, RunAiJsonContext.Default.WorkloadsPage);
            ids.AddRange(page!.Workloads!.Select(w => w.Id.ToString()));
            offset = page.Workloads!.Count == 0 ? null : page.Next;
        }

        if (ids.Count != Workloads)
        {
            throw new InvalidOperationException($"the pages hold {ids.Count} workloads, not {Workloads}");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", ids))))[..16];
    }
}
