using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace RunAi.Simulator.Tests;

/// <summary>The simulator run as its own process, the way the demo, the benchmarks and users' Pester suites start it.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Two_processes_with_the_same_seed_serve_the_same_metric_samples()
    {
        var first = await MetricsFromNewProcessAsync();
        var second = await MetricsFromNewProcessAsync();
        Assert.Contains("\"value\"", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Live_flag_starts_workloads_that_end_on_the_clock()
    {
        await WithProcessAsync(["--workloads", "5", "--live", "--pending-seconds", "0", "--running-seconds", "1"], async (client, process) =>
        {
            var settings = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) ?? string.Empty;
            Assert.Contains("Live: 4", settings, StringComparison.Ordinal);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // a separate process on its own wall clock: live workloads move after 1 s of real time
            using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/workloads?search=live-", UriKind.Relative)));
            var live = list.RootElement.GetProperty("workloads").EnumerateArray().Select(w => w.GetProperty("name").GetString() + "=" + w.GetProperty("phase").GetString());
            Assert.Equal(["live-ok-1=Completed", "live-fail-2=Failed", "live-ok-3=Completed", "live-fail-4=Failed"], live);
            return 0;
        });
    }

    private static Task<string> MetricsFromNewProcessAsync() =>
        WithProcessAsync(["--workloads", "5", "--seed", "3"], async (client, _) =>
        {
            using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/workloads?limit=1", UriKind.Relative)));
            var id = list.RootElement.GetProperty("workloads")[0].GetProperty("id").GetString();
            return await client.GetStringAsync(new Uri($"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION,CPU_USAGE_CORES&start=2025-01-01T00:00:00Z&end=2025-01-01T01:00:00Z&numberOfSamples=5", UriKind.Relative));
        });

    /// <summary>Starts the simulator with <paramref name="arguments"/> on a free port, runs <paramref name="use"/> against it and stops it.</summary>
    private static async Task<T> WithProcessAsync<T>(string[] arguments, Func<HttpClient, Process, Task<T>> use)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "RunAi.Simulator.dll"), "--urls", "http://127.0.0.1:0" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? string.Empty;
            Assert.StartsWith("Listening on ", banner, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = new Uri(banner["Listening on ".Length..].TrimEnd('/') + "/") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new SimulatorOptions().StaticToken);
            return await use(client, process);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
