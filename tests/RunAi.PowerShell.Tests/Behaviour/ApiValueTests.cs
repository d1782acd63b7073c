using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// The API's closed lists (sort fields, metric types, telemetry types and keys) are written once, in the client's
/// contract; the cmdlets validate, complete and document from there, and the client sends the API's spelling.
/// </summary>
[Collection("engine")]
public sealed class ApiValueTests : EngineTests<SimulatorFixture>
{

    public ApiValueTests(SimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Values_typed_in_any_case_reach_the_server_in_the_APIs_spelling()
    {
        using var ps = Sim.Connected();
        var id = Sim.Simulator.Data.GetWorkloadId(0);

        var result = ps.Run(
            "Get-RunAiWorkload -SortBy CREATEDAT -First 1; Get-RunAiPod -SortBy nodename -Verbosity full -First 1; " +
            "Get-RunAiWorkloadTelemetry -Type gpu_allocation -GroupBy clusterid, TYPE; " +
            "Get-RunAiWorkloadMetric -WorkloadId $id -MetricType gpu_utilization, GPU_UTILIZATION -Samples 2",
            new() { ["id"] = id });

        Assert.Empty(result.Errors);
        string Query(string path, string key) =>
            Sim.Simulator.Requests.Where(r => r.Path == path).Select(r => r.Query.TryGetValue(key, out var v) ? v[0] : null).First(v => v != null)!;
        Assert.Equal("createdAt", Query("/api/v1/workloads", "sortBy"));
        Assert.Equal("nodeName", Query("/api/v1/workloads/pods", "sortBy"));
        Assert.Equal("GPU_ALLOCATION", Query("/api/v1/workloads/telemetry", "telemetryType"));
        Assert.Equal("ClusterId,Type", Query("/api/v1/workloads/telemetry", "groupBy"));
        Assert.Equal("GPU_UTILIZATION", Query($"/api/v1/workloads/{id}/metrics", "metricType"));
    }

    [Theory]
    [InlineData("Get-RunAiWorkload -SortBy color", "workload sort field")]
    [InlineData("Get-RunAiPod -SortBy phase", "pod sort field")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type GPU_HOURS", "telemetry type")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId ([guid]::NewGuid()) -MetricType GPU_SM_ACTIVITY_PER_GPU", "workload metric type")]
    public void A_value_outside_the_list_is_refused_at_binding_naming_the_list(string command, string what)
    {
        using var ps = Sim.Connected();
        Sim.Simulator.ClearRequests();

        var result = ps.RunCatching(command);

        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("is not a " + what, error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Sim.Simulator.Requests);
    }

    [Fact]
    public void Each_closed_list_is_written_once_in_the_client_and_the_cmdlets()
    {
        var sources = new[] { "src/RunAi.Client", "src/RunAi.PowerShell" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(PowerShellSession.RepositoryRoot, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllText);
        var contract = sources.Keys.Single(f => f.EndsWith(Path.Combine("Contract", "ApiValues.cs"), StringComparison.Ordinal));

        // Values distinctive enough (metric and telemetry names, group keys) that a second copy of a list would repeat them.
        var values = Regex.Matches(sources[contract], "\"([A-Z][A-Za-z_]{11,})\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains("GPU_SM_ACTIVITY_PER_GPU", values);
        Assert.Contains("CurrentNodepools", values);
        foreach (var value in values)
        {
            var copies = sources.Where(s => s.Key != contract && s.Value.Contains("\"" + value + "\"", StringComparison.Ordinal)).Select(s => Path.GetFileName(s.Key)).ToList();
            Assert.True(copies.Count == 0, $"\"{value}\" is written again in {string.Join(", ", copies)}");
        }

        Assert.DoesNotContain("ValidateSet(", string.Concat(sources.Where(s => s.Key.Contains("Commands", StringComparison.Ordinal)).Select(s => s.Value.Replace("ValidateSet(\"GET\"", string.Empty, StringComparison.Ordinal))), StringComparison.Ordinal);
    }
}
