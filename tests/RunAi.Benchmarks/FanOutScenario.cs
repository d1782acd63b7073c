using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

/// <summary>
/// The fan-out scenario: the events of 1,000 workloads from a simulator that answers every request after 20 ms,
/// <c>$workloads | Get-RunAiWorkloadEvent -ThrottleLimit N</c> for N = 1, 4, 16, each in a fresh process. The floor is
/// what the latency alone costs with N requests in flight: 1,000 × 20 ms / N. Each run also proves nothing was lost and
/// the order kept: every workload's events together, workloads in input order, and the same events as at N = 1.
/// </summary>
internal static class FanOutScenario
{
    private const int Workloads = 1000;
    private const int LatencyMs = 20;
    private static readonly int[] Limits = { 1, 4, 16 };

    public static async Task RunAsync(string root)
    {
        // A fifth more than needed: some generated workloads are deleted and not listed.
        using var simulator = Simulator.Start(root, Workloads * 6 / 5, "--latency-ms", LatencyMs.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine();
        Console.WriteLine($"Fan-out: events of {Workloads:N0} workloads, {LatencyMs} ms server latency, one request per workload");
        Console.WriteLine($"{"throttle",8} {"seconds",8} {"floor s",8} {"x floor",8} {"events",7} {"speed-up",8} {"peak MB",8}  output");
        double? sequential = null;
        string? reference = null;
        foreach (var limit in Limits)
        {
            var line = await Child.SpawnAsync("fanout", simulator.BaseUri, limit);
            var figures = line.Trim().Split(' ');
            if (figures.Length != 5)
            {
                Console.WriteLine($"{limit,8} failed: {line}");
                continue;
            }

            var seconds = double.Parse(figures[0], CultureInfo.InvariantCulture);
            var events = long.Parse(figures[1], CultureInfo.InvariantCulture);
            var digest = figures[2];
            var grouped = figures[3] == "grouped";
            var peak = long.Parse(figures[4], CultureInfo.InvariantCulture);
            var floor = Workloads * LatencyMs / 1000.0 / limit;
            sequential ??= seconds;
            reference ??= digest;
            var output = (grouped ? "in input order, each workload's events together" : "ORDER BROKEN")
                + (digest == reference ? (limit == Limits[0] ? string.Empty : "; same events as -ThrottleLimit 1") : "; EVENTS DIFFER FROM -ThrottleLimit 1");
            Console.WriteLine($"{limit,8} {seconds,8:0.00} {floor,8:0.00} {seconds / floor,8:0.00} {events,7} {sequential / seconds,7:0.0}x {peak / 1048576.0,8:0}  {output}");
        }
    }

    /// <summary>In a fresh process: gets the workloads (untimed, warmed up), then times their events at -ThrottleLimit <paramref name="limit"/>.</summary>
    public static int RunChild(Uri baseUri, int limit)
    {
        var state = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        var workloads = Invoke(runspace, $"Import-Module '{Path.Combine(Child.RepositoryRoot(), "RunAi.psd1")}'; Connect-RunAi -BaseUri '{baseUri}' -Token 'sim-static-token'; " +
            $"$workloads = Get-RunAiWorkload -First {Workloads} -PageSize 500; $null = $workloads[0..19] | Get-RunAiWorkloadEvent -ThrottleLimit {limit}; $workloads.Id");
        if (workloads is null || workloads.Count != Workloads)
        {
            Console.WriteLine($"expected {Workloads} workloads, got {workloads?.Count}");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var events = Invoke(runspace, $"$workloads | Get-RunAiWorkloadEvent -ThrottleLimit {limit}");
        clock.Stop();
        if (events is null)
        {
            return 1;
        }

        // Each workload's events together, workloads in input order: the workload ids, with repeats collapsed, are the input.
        var order = events.Select(e => (Guid)e.Properties["WorkloadId"].Value).Where((id, i) => i == 0 || id != (Guid)events[i - 1].Properties["WorkloadId"].Value);
        var grouped = order.SequenceEqual(workloads.Select(w => (Guid)w.BaseObject));
        var text = string.Join("\n", events.Select(e => string.Join("|", e.Properties["WorkloadId"].Value, e.Properties["Id"].Value, e.Properties["CreatedAt"].Value, e.Properties["Message"].Value)));
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds} {events.Count} {digest} {(grouped ? "grouped" : "broken")} {self.PeakWorkingSet64}"));
        return 0;
    }

    private static List<PSObject>? Invoke(Runspace runspace, string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var output = shell.Invoke().ToList();
        if (shell.HadErrors)
        {
            Console.WriteLine(string.Join("; ", shell.Streams.Error));
            return null;
        }

        return output;
    }
}
