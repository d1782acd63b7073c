using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>The cmdlets added for full coverage of the contract, against the simulator through the real engine.</summary>
[Collection("engine")]
public sealed class CoverageTests : IClassFixture<CoverageSimulator>
{
    private readonly CoverageSimulator _sim;

    public CoverageTests(CoverageSimulator sim) => _sim = sim;

    private static object? Base(PSObject o) => o.BaseObject;

    [Fact]
    public void Telemetry_returns_numbers_with_each_group_key_as_a_sortable_property()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ClusterId,Type", _sim.Ids());
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("RunAi.Client.Models.TelemetryValue", o.BaseObject.GetType().FullName);
            Assert.NotNull(o.Properties["ClusterId"]);
            Assert.NotNull(o.Properties["Type"]);
            Assert.IsType<double>(o.Properties["Value"].Value);
        });
        var sent = Assert.Single(_sim.ApiRequests());
        Assert.Equal("/api/v1/workloads/telemetry", sent.Path);
        Assert.Equal("GPU_ALLOCATION", sent.Query["telemetryType"].Single());
        Assert.Equal("ClusterId,Type", sent.Query["groupBy"].Single());
    }

    [Fact]
    public void Workload_metrics_pipe_from_a_workload_and_return_one_typed_sample_per_value_including_histograms()
    {
        using var ps = _sim.Connect();
        var result = ps.Run(
            "Get-RunAiWorkload -Id $wid | Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION,NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES -Samples 5",
            _sim.Ids());
        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("MetricSample", o.BaseObject.GetType().Name));
        Assert.Equal(5, result.Output.Count(o => (string)o.Properties["Metric"].Value == "GPU_UTILIZATION"));
        var buckets = result.Output.Where(o => (string)o.Properties["Metric"].Value == "NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES").ToList();
        Assert.Equal(15, buckets.Count);
        Assert.Contains(buckets, o => (string?)o.Properties["Bucket"].Value == "p99");
        Assert.All(result.Output, o => Assert.Equal(_sim.WorkloadId, (Guid)o.Properties["WorkloadId"].Value));
        Assert.All(result.Output, o => Assert.IsType<double>(o.Properties["Value"].Value));
        var metrics = _sim.ApiRequests().Single(r => r.Path.EndsWith("/metrics", StringComparison.Ordinal));
        Assert.Equal("5", metrics.Query["numberOfSamples"].Single());
        Assert.Equal("GPU_UTILIZATION,NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES", metrics.Query["metricType"].Single());
        var start = DateTimeOffset.Parse(metrics.Query["start"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(metrics.Query["end"].Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((end - start).TotalMinutes, 59.9, 60.1);
    }

    [Fact]
    public void A_207_partial_metrics_answer_warns_which_types_are_missing_and_returns_the_rest()
    {
        using var ps = _sim.Connect();
        _sim.Host.Options.PartialMetrics = true;
        try
        {
            var result = ps.Run("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,CPU_USAGE_CORES,POD_COUNT -Samples 3", _sim.Ids());
            Assert.Empty(result.Errors);
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("CPU_USAGE_CORES", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("GPU_UTILIZATION", warning, StringComparison.Ordinal);
            Assert.Contains("207", warning, StringComparison.Ordinal);
            Assert.NotEmpty(result.Output);
            Assert.Equal(207, _sim.ApiRequests().Single().StatusCode);
        }
        finally
        {
            _sim.Host.Options.PartialMetrics = false;
        }
    }

    [Fact]
    public void A_200_metrics_answer_that_lacks_a_requested_type_warns_with_the_status_that_came_back()
    {
        using var ps = _sim.Connect();
        _sim.Host.Options.Override = r => r.Path.EndsWith("/metrics", StringComparison.Ordinal)
            ? new SimulatedResponse(200, "{\"measurements\":[{\"type\":\"GPU_UTILIZATION\",\"labels\":null,\"values\":[{\"value\":\"0.5\",\"timestamp\":\"2026-01-01T00:00:00Z\"}]}]}")
            : null;
        try
        {
            var result = ps.Run("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,CPU_USAGE_CORES -Samples 1", _sim.Ids());

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            // The workload id is left out: a GUID may hold "207" or "200" by chance.
            var warning = Assert.Single(result.Warnings).Replace(_sim.WorkloadId.ToString(), "<id>", StringComparison.OrdinalIgnoreCase);
            Assert.Contains("CPU_USAGE_CORES", warning, StringComparison.Ordinal);
            Assert.Contains("200", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("207", warning, StringComparison.Ordinal);
            Assert.DoesNotContain("partial success", warning, StringComparison.Ordinal);
        }
        finally
        {
            _sim.Host.Options.Override = null;
        }
    }

    [Theory]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType NOT_A_METRIC")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION,GPU_MEMORY_USAGE_BYTES,GPU_MEMORY_REQUEST_BYTES,CPU_USAGE_CORES,CPU_REQUEST_CORES,CPU_LIMIT_CORES,CPU_MEMORY_USAGE_BYTES,CPU_MEMORY_REQUEST_BYTES,CPU_MEMORY_LIMIT_BYTES,POD_COUNT,RUNNING_POD_COUNT")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Start ([datetimeoffset]::Now) -End ([datetimeoffset]::Now).AddHours(-2)")]
    [InlineData("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Samples 1001")]
    [InlineData("Get-RunAiPodMetric -WorkloadId $wid -PodId $pod -MetricType GPU_UTILIZATION -Start ([datetimeoffset]::Now) -End ([datetimeoffset]::Now).AddMinutes(-1)")]
    [InlineData("Get-RunAiPodMetric -WorkloadId $wid -PodId $pod -MetricType GPU_ALLOCATION")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ClusterId,Type,Phase")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type NOT_A_TYPE")]
    [InlineData("Get-RunAiPod -Filter 'nodename==x'")]
    [InlineData("Get-RunAiPod -Filter 'nodeName'")]
    [InlineData("Get-RunAiPodCount -Filter 'phase==Running'")]
    [InlineData("Invoke-RunAiRestMethod -Path 'https://elsewhere.example.com/api/v1/workloads'")]
    public void Bad_input_fails_before_any_request_is_sent(string script)
    {
        using var ps = _sim.Connect();
        var result = ps.RunCatching(script, _sim.Ids());
        Assert.NotEmpty(result.AllErrors);
        Assert.All(result.AllErrors, e => Assert.DoesNotContain("CommandNotFound", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.Empty(result.Output);
        Assert.Empty(_sim.ApiRequests());
    }

    [Fact]
    public void End_before_start_is_an_invalid_argument_error_naming_both()
    {
        using var ps = _sim.Connect();
        var result = ps.RunCatching("Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Start '2026-01-02T00:00:00Z' -End '2026-01-01T00:00:00Z'", _sim.Ids());
        var error = Assert.Single(result.AllErrors);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("InvalidArgument", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("-End", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_pipe_from_a_workload_and_a_missing_workload_is_a_not_found_error_for_that_id()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiWorkload -Id $wid | Get-RunAiWorkloadEndpoint; Get-RunAiWorkloadEndpoint -WorkloadId ([guid]'00000000-0000-0000-0000-0000000000ab')", _sim.Ids());
        Assert.All(result.Output, o => Assert.Equal(_sim.WorkloadId, (Guid?)o.Properties["WorkloadId"].Value));
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/{_sim.WorkloadId}/endpoints" && r.StatusCode == 200);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-0000000000ab"), error.TargetObject);
    }

    [Fact]
    public void Elements_stream_across_pages_and_IncludeTotalCount_uses_the_elements_count()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiWorkloadElement -WorkloadId $heavy -PageSize 5 -First 12 -IncludeTotalCount", _sim.Ids());
        Assert.Empty(result.Errors);
        var elements = result.Output.Where(o => o.BaseObject.GetType().Name == "WorkloadElement").ToList();
        Assert.Equal(12, elements.Count);
        Assert.Equal(12, elements.Select(o => o.Properties["Id"].Value).Distinct().Count());
        var pages = _sim.ApiRequests().Where(r => r.Path.EndsWith("/elements", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "0", "5", "10" }, pages.Select(p => p.Query["offset"].Single()));
        Assert.Equal("2", pages[2].Query["limit"].Single());
        Assert.Contains(_sim.ApiRequests(), r => r.Path.EndsWith("/elements/count", StringComparison.Ordinal));
        var total = result.Output.Single(o => o.BaseObject.GetType().Name != "WorkloadElement");
        Assert.Contains(_sim.Host.Data.GetElementCount(_sim.Host.Data.ElementsHeavyWorkloadId).ToString(System.Globalization.CultureInfo.InvariantCulture), total.BaseObject.ToString(), StringComparison.Ordinal);

        var count = ps.Run("Get-RunAiWorkloadElementCount -WorkloadId $heavy", _sim.Ids());
        Assert.Equal(_sim.Host.Data.GetElementCount(_sim.Host.Data.ElementsHeavyWorkloadId), count.Get<long>(0, "StoredElementsCount"));
    }

    [Fact]
    public void Revisions_pipe_from_a_workload_and_into_events_history_and_pods()
    {
        using var ps = _sim.Connect();
        var revisions = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiInferenceRevision", _sim.Ids());
        Assert.Empty(revisions.Errors);
        Assert.NotEmpty(revisions.Output);
        Assert.All(revisions.Output, o => Assert.Contains((Guid)o.Properties["Id"].Value, _sim.Host.Data.GetRevisionIds(_sim.InferenceWorkloadId)));
        Assert.All(revisions.Output, o => Assert.Equal("Revision", o.BaseObject.GetType().Name));

        _sim.Host.ClearRequests();
        var events = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiWorkloadEvent -First 3", _sim.Ids());
        Assert.Empty(events.Errors);
        Assert.NotEmpty(events.Output);
        Assert.All(events.Output, o => Assert.Equal(_sim.RevisionId, (Guid?)o.Properties["RevisionId"].Value));
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{_sim.RevisionId}/events");
        Assert.DoesNotContain(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/{_sim.InferenceWorkloadId}/events");

        _sim.Host.ClearRequests();
        var history = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiWorkloadHistory -First 3", _sim.Ids());
        Assert.Empty(history.Errors);
        Assert.All(history.Output, o => Assert.Equal(_sim.RevisionId, (Guid?)o.Properties["RevisionId"].Value));
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{_sim.RevisionId}/history");

        _sim.Host.ClearRequests();
        var pods = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiPod", _sim.Ids());
        Assert.Empty(pods.Errors);
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{_sim.RevisionId}/pods");
        Assert.All(pods.Output, o => Assert.Equal("Pod", o.BaseObject.GetType().Name));

        var count = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiInferenceRevisionCount", _sim.Ids());
        Assert.Equal((long)revisions.Output.Count, Assert.IsType<long>(Assert.Single(count.Output).BaseObject));
    }

    [Theory]
    [InlineData("Get-RunAiWorkloadEvent")]
    [InlineData("Get-RunAiWorkloadHistory")]
    public void Events_and_history_of_piped_revisions_carry_each_revisions_WorkloadId(string cmdlet)
    {
        using var ps = _sim.Connect();
        var revisionIds = _sim.Host.Data.GetRevisionIds(_sim.InferenceWorkloadId);

        var result = ps.Run($"Get-RunAiInferenceRevision -WorkloadId $inf | {cmdlet} -First 2", _sim.Ids());

        Assert.Empty(result.Errors);
        Assert.True(result.Output.Count >= 2, $"only {result.Output.Count} items");
        Assert.All(result.Output, o => Assert.Equal(_sim.InferenceWorkloadId, (Guid?)o.Properties["WorkloadId"].Value));
        Assert.All(result.Output, o => Assert.Contains((Guid)o.Properties["RevisionId"].Value!, revisionIds));
        Assert.All(_sim.ApiRequests().Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal) || r.Path.EndsWith("/history", StringComparison.Ordinal)),
            r => Assert.StartsWith("/api/v1/workloads/inferences/revisions/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_workload_object_still_binds_to_WorkloadId_not_RevisionId()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiWorkloadEvent -First 2; Get-RunAiWorkload -Id $wid | Get-RunAiWorkloadHistory -First 2; Get-RunAiWorkload -Id $wid | Get-RunAiPod -First 1", _sim.Ids());
        Assert.Empty(result.Errors);
        var paths = _sim.ApiRequests().Select(r => r.Path).ToList();
        Assert.Contains($"/api/v1/workloads/{_sim.InferenceWorkloadId}/events", paths);
        Assert.Contains($"/api/v1/workloads/{_sim.WorkloadId}/history", paths);
        Assert.Contains($"/api/v1/workloads/{_sim.WorkloadId}/pods", paths);
        Assert.DoesNotContain(paths, p => p.Contains("/revisions/", StringComparison.Ordinal));
    }

    [Fact]
    public void Pods_page_across_several_requests_and_IncludeTotalCount_uses_the_pods_count()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiPod -PageSize 7 -First 20 -IncludeTotalCount -SortBy createdAt -Descending -Verbosity Full", _sim.Ids());
        Assert.Empty(result.Errors);
        var pods = result.Output.Where(o => o.BaseObject.GetType().Name == "Pod").ToList();
        Assert.Equal(20, pods.Count);
        Assert.Equal(20, pods.Select(o => o.Properties["Id"].Value).Distinct().Count());
        Assert.All(pods, o => Assert.NotNull(o.Properties["WorkloadName"].Value));
        var pages = _sim.ApiRequests().Where(r => r.Path == "/api/v1/workloads/pods").ToList();
        Assert.Equal(new[] { "0", "7", "14" }, pages.Select(p => p.Query["offset"].Single()));
        Assert.All(pages, p => Assert.Equal("full", p.Query["verbosity"].Single()));
        Assert.Contains(_sim.ApiRequests(), r => r.Path == "/api/v1/workloads/pods/count");
    }

    [Fact]
    public void Pods_pipe_from_a_workload_and_into_pod_metrics()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiWorkload -Id $wid | Get-RunAiPod -First 1 | Get-RunAiPodMetric -MetricType GPU_UTILIZATION_PER_GPU,CPU_USAGE_CORES -Samples 4", _sim.Ids());
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o => Assert.Equal(_sim.WorkloadId, (Guid)o.Properties["WorkloadId"].Value));
        Assert.All(result.Output, o => Assert.NotNull(o.Properties["PodId"].Value));
        Assert.Contains(result.Output, o => ((string)o.Properties["LabelText"].Value).Contains("gpu=", StringComparison.Ordinal));
        Assert.Contains(_sim.ApiRequests(), r => r.Path.StartsWith($"/api/v1/workloads/{_sim.WorkloadId}/pods/", StringComparison.Ordinal) && r.Path.EndsWith("/metrics", StringComparison.Ordinal) && r.StatusCode == 200);
    }

    [Fact]
    public void The_deprecated_cluster_pods_list_works_and_warns_pointing_to_the_new_form()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiPod -ClusterId $cluster", _sim.Ids());
        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("ClusterPod", o.BaseObject.GetType().Name));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("deprecated", warning, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("-Filter 'clusterId==", warning, StringComparison.Ordinal);
        Assert.Equal($"/v1/k8s/clusters/{_sim.ClusterId}/pods", _sim.ApiRequests().Single().Path);
    }

    [Fact]
    public void Pod_count_is_reachable_and_matches_the_list_total()
    {
        using var ps = _sim.Connect();
        var result = ps.Run("Get-RunAiPodCount -Filter \"workloadId==$wid\"", _sim.Ids());
        Assert.Empty(result.Errors);
        Assert.Equal((long)_sim.Host.Data.GetPodIds(_sim.WorkloadId).Count, Assert.IsType<long>(Assert.Single(result.Output).BaseObject));
    }

    [Fact]
    public void Invoke_RunAiRestMethod_returns_objects_and_All_follows_next_streaming_the_items()
    {
        using var ps = _sim.Connect();
        var count = ps.Run("Invoke-RunAiRestMethod -Path 'api/v1/workloads/count' -Query @{ filterBy = 'phase==Running' }");
        Assert.Empty(count.Errors);
        Assert.IsType<long>(Assert.Single(count.Output).Properties["count"].Value);
        Assert.Equal("phase==Running", _sim.ApiRequests().Single().Query["filterBy"].Single());

        _sim.Host.ClearRequests();
        var all = ps.Run("Invoke-RunAiRestMethod -Path '/api/v1/workloads' -All -ItemsProperty workloads -PageSize 50 -Query @{ sortBy = 'name'; offset = 7 }");
        Assert.Empty(all.Errors);
        var pages = _sim.ApiRequests().Where(r => r.Path == "/api/v1/workloads").ToList();
        Assert.True(pages.Count >= 3, "expected several pages");
        Assert.Equal(Enumerable.Range(0, pages.Count).Select(k => (k * 50).ToString(System.Globalization.CultureInfo.InvariantCulture)), pages.Select(p => p.Query["offset"].Single()));
        Assert.True(all.Output.Count > 100);
        Assert.Equal(all.Output.Count, all.Output.Select(o => o.Properties["id"].Value).Distinct().Count());
        Assert.All(pages, p => Assert.Equal("name", p.Query["sortBy"].Single()));

    }

    [Fact]
    public void Invoke_RunAiRestMethod_sends_an_array_query_value_as_the_typed_cmdlets_do_one_comma_separated_value()
    {
        using var ps = _sim.Connect();
        var typed = ps.Run("Get-RunAiWorkload -Phase Running -Type Training -IncludeTotalCount -First 0");
        var generic = ps.Run("Invoke-RunAiRestMethod -Path 'api/v1/workloads/count' -Query @{ filterBy = @('phase==Running', 'type==Training') }");

        Assert.Empty(typed.Errors);
        Assert.Empty(generic.Errors);
        var counts = _sim.ApiRequests().Where(r => r.Path == "/api/v1/workloads/count").ToList();
        Assert.Equal(2, counts.Count);
        Assert.Equal("phase==Running,type==Training", Assert.Single(counts[1].Query["filterBy"]));
        Assert.Equal(counts[0].QueryString, counts[1].QueryString);
    }

    [Fact]
    public void Invoke_RunAiRestMethod_reaches_the_cluster_monitor_and_reads_its_errors_clearly()
    {
        using var ps = _sim.Connect();
        var latest = ps.Run("Invoke-RunAiRestMethod -Path '/v0/cluster/events/latest' -Query @{ selector = 'all_healthy' }");
        Assert.Empty(latest.Errors);
        var monitor = Assert.Single(latest.Output);
        Assert.NotNull(monitor.Properties["all_healthy"]);
        var sent = _sim.ApiRequests().Single();
        Assert.Equal("/v0/cluster/events/latest", sent.Path);
        Assert.Equal("all_healthy", sent.Query["selector"].Single());

        var missing = ps.Run("Invoke-RunAiRestMethod -Path \"v0/cluster/events/$([guid]::NewGuid())\"");
        var error = Assert.Single(missing.Errors);
        Assert.StartsWith("NotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("not found", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("72 hours", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("event_not_found", error.Exception.GetType().GetProperty("ErrorCode")?.GetValue(error.Exception));
    }

    [Fact]
    public void Invoke_RunAiRestMethod_sends_an_object_body_as_JSON_and_a_string_body_as_is()
    {
        using var ps = _sim.Connect();
        ps.Run("Invoke-RunAiRestMethod -Method POST -Path 'api/v1/echo' -Body @{ name = 'a'; gpus = 2; tags = @('x', 'y'); spec = [pscustomobject]@{ on = $true } }");
        ps.Run("Invoke-RunAiRestMethod -Method PUT -Path 'api/v1/echo' -Body '{\"raw\":1}'");
        var bodies = _sim.ApiRequests().Where(r => r.Path == "/api/v1/echo").ToList();
        Assert.Equal(new[] { "POST", "PUT" }, bodies.Select(b => b.Method));
        using var json = System.Text.Json.JsonDocument.Parse(bodies[0].Body!);
        Assert.Equal("a", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("gpus").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("tags").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("spec").GetProperty("on").GetBoolean());
        Assert.Equal("{\"raw\":1}", bodies[1].Body);
    }
}
