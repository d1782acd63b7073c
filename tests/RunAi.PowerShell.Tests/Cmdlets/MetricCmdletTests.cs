using System;
using System.Linq;
using System.Management.Automation;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Get-RunAiWorkloadMetric and Get-RunAiPodMetric against the simulator through the real engine.</summary>
[Collection("engine")]
public sealed class MetricCmdletTests : EngineTests<SmallSimulatorFixture>
{

    public MetricCmdletTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Workload_metrics_pipe_from_a_workload_and_return_one_typed_sample_per_value_including_histograms()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run(
            "Get-RunAiWorkload -Id $wid | Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION,NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES -Samples 5",
            Sim.Ids());
        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("MetricSample", o.BaseObject.GetType().Name));
        Assert.Equal(5, result.Output.Count(o => (string)o.Properties["Metric"].Value == "GPU_UTILIZATION"));
        var buckets = result.Output.Where(o => (string)o.Properties["Metric"].Value == "NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES").ToList();
        Assert.Equal(15, buckets.Count);
        Assert.Contains(buckets, o => (string?)o.Properties["Bucket"].Value == "p99");
        Assert.All(result.Output, o => Assert.Equal(Sim.WorkloadId, (Guid)o.Properties["WorkloadId"].Value));
        Assert.All(result.Output, o => Assert.IsType<double>(o.Properties["Value"].Value));
        var metrics = Sim.ApiRequests().Single(r => r.Path.EndsWith("/metrics", StringComparison.Ordinal));
        Assert.Equal("5", metrics.Query["numberOfSamples"].Single());
        Assert.Equal("GPU_UTILIZATION,NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES", metrics.Query["metricType"].Single());
        var start = DateTimeOffset.Parse(metrics.Query["start"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(metrics.Query["end"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((end - start).TotalMinutes, 59.9, 60.1);
    }

    [Fact]
    public void A_207_partial_metrics_answer_warns_which_types_are_missing_and_returns_the_rest()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        Sim.Simulator.Options.PartialMetrics = true;
        try
        {
            var result = ps.Run("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,CPU_USAGE_CORES,POD_COUNT -Samples 3", Sim.Ids());
            Assert.Empty(result.Errors);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("CPU_USAGE_CORES", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("GPU_UTILIZATION", warning, StringComparison.Ordinal);
            Assert.Contains("207", warning, StringComparison.Ordinal);
            Assert.NotEmpty(result.Output);
            Assert.Equal(207, Sim.ApiRequests().Single().StatusCode);
        }
        finally
        {
            Sim.Simulator.Options.PartialMetrics = false;
        }
    }

    [Fact]
    public void A_200_metrics_answer_that_lacks_a_requested_type_warns_with_the_status_that_came_back()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        Sim.Simulator.Options.Override = r => r.Path.EndsWith("/metrics", StringComparison.Ordinal)
            ? new SimulatedResponse(200, "{\"measurements\":[{\"type\":\"GPU_UTILIZATION\",\"labels\":null,\"values\":[{\"value\":\"0.5\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}]}")
            : null;
        try
        {
            var result = ps.Run("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,CPU_USAGE_CORES -Samples 1", Sim.Ids());

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            // The workload id is left out: a GUID may hold "207" or "200" by chance.
            var warning = Assert.Single(result.Warnings).Replace(Sim.WorkloadId.ToString(), "<id>", StringComparison.OrdinalIgnoreCase);
            Assert.Contains("CPU_USAGE_CORES", warning, StringComparison.Ordinal);
            Assert.Contains("200", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("207", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("partial success", warning, StringComparison.Ordinal);
        }
        finally
        {
            Sim.Simulator.Options.Override = null;
        }
    }

    [Fact]
    public void End_before_start_is_an_invalid_argument_error_naming_both()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.RunCatching("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Start '2026-01-02T00:00:00Z' -End '2026-01-01T00:00:00Z'", Sim.Ids());
        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("InvalidArgument", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("-End", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_pipe_from_a_workload_and_into_pod_metrics()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiWorkload -Id $wid | Get-RunAiPod -First 1 | Get-RunAiPodMetric -MetricType GPU_UTILIZATION_PER_GPU,CPU_USAGE_CORES -Samples 4", Sim.Ids());
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(Sim.WorkloadId, (Guid)o.Properties["WorkloadId"].Value));
        Assert.All(result.Output, o => Assert.NotNull(o.Properties["PodId"].Value));
        Assert.Contains(result.Output, o => ((string)o.Properties["LabelText"].Value).Contains("gpu=", StringComparison.Ordinal));
        Assert.Contains(Sim.ApiRequests(), r => r.Path.StartsWith($"/api/v1/workloads/{Sim.WorkloadId}/pods/", StringComparison.Ordinal) && r.Path.EndsWith("/metrics", StringComparison.Ordinal) && r.StatusCode == 200);
    }
}
