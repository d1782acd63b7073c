using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

/// <summary>
/// Cold runs: what a scheduled task pays. Each run is a new process, timed from start to exit, against pre-rendered
/// pages (<see cref="PrerenderedServer"/>):
///   module             — pwsh -File Scripts/ColdModule.ps1: Import-Module, Connect-RunAi, Get-RunAiWorkload | Measure-Object;
///   module, baseline   — the same with another build (--baseline), for before/after figures under the same load;
///   Invoke-RestMethod  — pwsh -File Scripts/InvokeRestMethodLoop.ps1: the same listing by hand (at 50,000 only: it is slow);
///   floor              — this program as a bare HttpClient + System.Text.Json console fetching and parsing the same pages;
///   pwsh, empty module — pwsh starting, importing a module with nothing in it and exiting: what no module can save.
/// The subjects take turns within each round, so a change in the machine's load reaches all of them alike; each figure
/// is the median of the rounds, with the floor's median beside it. Starts --pwsh, else pwsh on PATH, else the pinned tool PowerShell (PwshInfo.cs), and says which and whether it is ReadyToRun.
/// </summary>
internal static class ColdRuns
{
    private const string Module = "module";
    private const string Baseline = "module, baseline";
    private const string RestMethod = "Invoke-RestMethod";
    private const string Floor = "floor";
    private const string PwshAlone = "pwsh, empty module";

    public static async Task RunAsync(string root, BenchmarkOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"Cold runs: a new process per run (import → connect → list for the module), {options.Runs} runs each, median (min–max)");
        var pwsh = PwshInfo.Resolve(options, root);
        if (pwsh is null || !File.Exists(pwsh))
        {
            Console.WriteLine("skipped: no pwsh");
            return;
        }

        Console.WriteLine($"pwsh: {PwshInfo.Describe(pwsh)}");
        Console.WriteLine($"module: {options.Manifest}{(options.Baseline is null ? string.Empty : "; baseline: " + options.Baseline)}; load average before: {LoadAverage()}");
        var scripts = Path.Combine(root, "tests", "RunAi.Benchmarks", "Scripts");
        var medians = new Dictionary<(int Size, string Subject), Summary>();
        foreach (var size in options.ColdSizes)
        {
            using var simulator = Simulator.Start(root, size);
            await using var pages = await PrerenderedServer.StartAsync(simulator.BaseUri);
            var uri = pages.BaseUri.ToString();
            var subjects = new List<(string Name, Func<ProcessStartInfo> Start, int Expected)>
            {
                (Floor, () => Child.Command("coldfloor", pages.BaseUri, size), size),
                (Module, () => PwshCommand(pwsh, "-NoProfile", "-NonInteractive", "-File", Path.Combine(scripts, "ColdModule.ps1"), "-Manifest", options.Manifest, "-BaseUri", uri), size),
            };
            if (options.Baseline is string baseline)
            {
                subjects.Add((Baseline, () => PwshCommand(pwsh, "-NoProfile", "-NonInteractive", "-File", Path.Combine(scripts, "ColdModule.ps1"), "-Manifest", baseline, "-BaseUri", uri), size));
            }

            if (size == BenchmarkOptions.RestMethodSize)
            {
                subjects.Add((RestMethod, () => PwshCommand(pwsh, "-NoProfile", "-NonInteractive", "-File", Path.Combine(scripts, "InvokeRestMethodLoop.ps1"), "-BaseUri", uri), size));
            }

            if (size == options.ColdSizes[0])
            {
                var empty = Path.Combine(scripts, "EmptyModule", "EmptyModule.psd1");
                subjects.Add((PwshAlone, () => PwshCommand(pwsh, "-NoProfile", "-NonInteractive", "-File", Path.Combine(scripts, "ColdEmptyModule.ps1"), "-Manifest", empty), 0));
            }

            // An untimed first run of each subject renders every page it asks for and warms the disk cache.
            foreach (var subject in subjects)
            {
                var warmUp = await ColdRun.StartAsync(subject.Start(), subject.Expected);
                if (warmUp.Failure != null)
                {
                    Console.WriteLine($"{size,10:N0} {subject.Name}: warm-up failed: {warmUp.Failure}");
                }
            }

            pages.ResetMisses();
            var runs = subjects.ToDictionary(s => s.Name, _ => new List<ColdRun>());
            for (var round = 0; round < options.Runs; round++)
            {
                foreach (var subject in subjects)
                {
                    var run = await ColdRun.StartAsync(subject.Start(), subject.Expected);
                    if (run.Failure != null)
                    {
                        Console.WriteLine($"{size,10:N0} {subject.Name}: run {round + 1} failed: {run.Failure}");
                        continue;
                    }

                    runs[subject.Name].Add(run);
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{size:N0} workloads — {pages.Pages} answers pre-rendered ({pages.Bytes / 1048576.0:0} MB); answers not pre-rendered during timed runs: {pages.Misses}");
            Console.WriteLine($"{"subject",-18} {"seconds",-20} {"floor s",8} {"x floor",8} {"CPU s",7} {"x floor",8} {"peak MB",8} {"floor MB",9}  steps (median s)");
            var floor = Summary.Of(runs[Floor]);
            foreach (var subject in subjects)
            {
                var summary = Summary.Of(runs[subject.Name]);
                medians[(size, subject.Name)] = summary;
                if (summary.Count == 0)
                {
                    continue;
                }

                var beside = subject.Name == PwshAlone ? $"{"",8} {"",8}" : $"{floor.Seconds,8:0.00} {summary.Seconds / floor.Seconds,8:0.00}";
                var cpuBeside = subject.Name == PwshAlone ? $"{"",8}" : $"{summary.CpuSeconds / floor.CpuSeconds,8:0.00}";
                Console.WriteLine($"{subject.Name,-18} {summary.Range,-20} {beside} {summary.CpuSeconds,7:0.00} {cpuBeside} {summary.PeakMegabytes,8:0} {floor.PeakMegabytes,9:0}  {summary.Steps}");
            }

            var serverShare = runs[Floor].Count == 0 ? double.NaN : Median(runs[Floor].Select(r => r.ServerSeconds / r.Seconds));
            Console.WriteLine($"page server's own CPU during a floor run: {Median(runs[Floor].Select(r => r.ServerSeconds)):0.000} s, {serverShare:P1} of the floor");
        }

        Console.WriteLine();
        Console.WriteLine($"load average after: {LoadAverage()}");
        PrintGoals(medians, options);
    }

    /// <summary>In a fresh process: the floor, cold — no warm-up, so its runtime's start and JIT count as the module's do.</summary>
    public static async Task<int> FloorChildAsync(Uri baseUri, int expected)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sim-static-token");
        var count = await Child.FloorAsync(http, long.MaxValue);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"count={count} peak={self.PeakWorkingSet64}"));
        return count >= expected * 0.9 ? 0 : 1;
    }

    private static void PrintGoals(Dictionary<(int Size, string Subject), Summary> medians, BenchmarkOptions options)
    {
        Console.WriteLine("Speed goals, from the medians above:");
        PrintGoals(medians, options, Module);
        if (options.Baseline != null)
        {
            Console.WriteLine("The baseline against the same goals:");
            PrintGoals(medians, options, Baseline);
        }
    }

    private static void PrintGoals(Dictionary<(int Size, string Subject), Summary> medians, BenchmarkOptions options, string module)
    {
        Summary? Find(int size, string subject) => medians.TryGetValue((size, subject), out var s) && s.Count > 0 ? s : null;
        static string Verdict(bool met) => met ? "met" : "NOT met";

        if (Find(BenchmarkOptions.RestMethodSize, module) is { } module50 && Find(BenchmarkOptions.RestMethodSize, RestMethod) is { } rest)
        {
            var ratio = module50.Seconds / rest.Seconds;
            Console.WriteLine($"  cold 50,000: {module} {module50.Seconds:0.00} s / Invoke-RestMethod loop {rest.Seconds:0.00} s = {ratio:0.000} (goal ≤ 0.125): {Verdict(ratio <= 0.125)}; in CPU time {module50.CpuSeconds / rest.CpuSeconds:0.000}");
            var import = module50.Step("import") / 1000;
            var emptyImport = Find(options.ColdSizes[0], PwshAlone)?.Step("import") / 1000;
            Console.WriteLine($"  import: {import:0.000} s, median of the 50,000 runs (goal ≤ 0.150 s): {Verdict(import <= 0.150)}; an empty module imports in {emptyImport:0.000} s");
        }

        if (Find(100_000, module) is { } module100 && Find(100_000, Floor) is { } floor100)
        {
            var ratio = module100.Seconds / floor100.Seconds;
            Console.WriteLine($"  cold 100,000, process start included: {module} {module100.Seconds:0.00} s / floor {floor100.Seconds:0.00} s = {ratio:0.00} (goal ≤ 2): {Verdict(ratio <= 2)}; in CPU time {module100.CpuSeconds / floor100.CpuSeconds:0.00}");

            // "≤ 10,000 + 30 MB": the peak at 100,000 against the peak at 10,000 (memory does not grow with the list).
            // The floor's peak and pwsh's with an empty module follow for information: the floor is a bare console that
            // never starts PowerShell, and no module can go below pwsh alone.
            if (Find(10_000, module) is { } module10)
            {
                var growth = module100.PeakMegabytes - module10.PeakMegabytes;
                Console.WriteLine($"  peak at 100,000 {module100.PeakMegabytes:0} MB vs at 10,000 {module10.PeakMegabytes:0} MB: {growth:+0;-0} MB (goal ≤ +30 MB): {Verdict(growth <= 30)}");
            }

            var aboveFloor = module100.PeakMegabytes - floor100.PeakMegabytes;
            var alone = Find(options.ColdSizes[0], PwshAlone);
            var aboveAlone = alone is null ? string.Empty : $"; pwsh with an empty module {alone.PeakMegabytes:0} MB, so the module and its listing add {module100.PeakMegabytes - alone.PeakMegabytes:0} MB to pwsh";
            Console.WriteLine($"  for information: peak at 100,000 {module100.PeakMegabytes:0} MB, the floor's (a bare console) {floor100.PeakMegabytes:0} MB, +{aboveFloor:0} MB{aboveAlone}");
        }
    }

    /// <summary>pwsh with these arguments; a pwsh.dll (the real pwsh behind the .NET tool's shim) is started with dotnet.</summary>
    internal static ProcessStartInfo PwshCommand(string pwsh, params string[] arguments) =>
        pwsh.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ColdRun.Command("dotnet", new[] { pwsh }.Concat(arguments).ToArray())
            : ColdRun.Command(pwsh, arguments);

    internal static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "unknown";
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The medians of one subject's runs at one size.</summary>
    private sealed class Summary
    {
        private static readonly string[] StepNames = { "import", "connect", "list" };
        private readonly List<ColdRun> _runs;

        private Summary(List<ColdRun> runs) => _runs = runs;

        public int Count => _runs.Count;

        public double Seconds => Median(_runs.Select(r => r.Seconds));

        public double CpuSeconds => Median(_runs.Select(r => r.CpuSeconds));

        public double PeakMegabytes => Median(_runs.Select(r => r.PeakMegabytes));

        public string Range => Count == 0 ? "-" : $"{Seconds:0.00} ({_runs.Min(r => r.Seconds):0.00}–{_runs.Max(r => r.Seconds):0.00})";

        /// <summary>The module's steps (import, connect, list), as the script timed them inside pwsh.</summary>
        public string Steps => string.Join(", ", StepNames
            .Where(step => _runs.Any(r => r.Figures.ContainsKey(step)))
            .Select(step => $"{step} {Step(step) / 1000:0.00}"));

        public static Summary Of(List<ColdRun> runs) => new(runs);

        public double Step(string name) => Median(_runs.Select(r => r.Figures.TryGetValue(name, out var ms) ? ms : double.NaN));
    }
}
