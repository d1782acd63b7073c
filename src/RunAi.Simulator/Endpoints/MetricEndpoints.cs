using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Data;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;

namespace RunAi.Simulator.Endpoints;

/// <summary>Metrics of a workload and of one of its pods. With partial metrics on, some types are left out and the answer is 207.</summary>
internal sealed class MetricEndpoints(SimulatorData data, SimulatorOptions options) : ApiEndpoints(data)
{
    private const int MaxTypes = 10;
    private const int MaxSamples = 1000;
    private const int DefaultSamples = 20;

    private static readonly string[] WorkloadMetricTypes =
    [
        "GPU_UTILIZATION", "GPU_MEMORY_USAGE_BYTES", "GPU_MEMORY_REQUEST_BYTES", "CPU_USAGE_CORES", "CPU_REQUEST_CORES", "CPU_LIMIT_CORES",
        "CPU_MEMORY_USAGE_BYTES", "CPU_MEMORY_REQUEST_BYTES", "CPU_MEMORY_LIMIT_BYTES", "POD_COUNT", "RUNNING_POD_COUNT", "GPU_ALLOCATION",
        "NIM_NUM_REQUESTS_RUNNING", "NIM_NUM_REQUESTS_WAITING", "NIM_NUM_REQUEST_MAX", "NIM_REQUEST_SUCCESS_TOTAL", "NIM_REQUEST_FAILURE_TOTAL",
        "NIM_GPU_CACHE_USAGE_PERC", "NIM_TIME_TO_FIRST_TOKEN_SECONDS", "NIM_E2E_REQUEST_LATENCY_SECONDS",
        "NIM_TIME_TO_FIRST_TOKEN_SECONDS_PERCENTILES", "NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES", "NVLINK_BANDWIDTH_TOTAL",
    ];

    private static readonly string[] PodMetricTypes =
    [
        "GPU_UTILIZATION_PER_GPU", "GPU_UTILIZATION", "GPU_MEMORY_USAGE_BYTES_PER_GPU", "GPU_MEMORY_USAGE_BYTES", "CPU_USAGE_CORES",
        "CPU_MEMORY_USAGE_BYTES", "GPU_GRAPHICS_ENGINE_ACTIVITY_PER_GPU", "GPU_SM_ACTIVITY_PER_GPU", "GPU_SM_OCCUPANCY_PER_GPU",
        "GPU_TENSOR_ACTIVITY_PER_GPU", "GPU_FP64_ENGINE_ACTIVITY_PER_GPU", "GPU_FP32_ENGINE_ACTIVITY_PER_GPU", "GPU_FP16_ENGINE_ACTIVITY_PER_GPU",
        "GPU_MEMORY_BANDWIDTH_UTILIZATION_PER_GPU", "GPU_NVLINK_TRANSMITTED_BANDWIDTH_PER_GPU", "GPU_NVLINK_RECEIVED_BANDWIDTH_PER_GPU",
        "GPU_PCIE_TRANSMITTED_BANDWIDTH_PER_GPU", "GPU_PCIE_RECEIVED_BANDWIDTH_PER_GPU", "GPU_SWAP_MEMORY_BYTES_PER_GPU",
    ];

    public override void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v1/workloads/{workloadId}/metrics", OfWorkload);
        Get(routes, "/api/v1/workloads/{workloadId}/pods/{podId}/metrics", OfPod);
    }

    /// <summary>Percentile types are answered as histograms, the others as measurements.</summary>
    private ApiResult OfWorkload(ApiRequest request)
    {
        var i = request.Workload();
        var (requested, window) = ReadQuery(request, WorkloadMetricTypes);
        var (types, partial) = LeaveOutForPartial(requested);
        static bool IsHistogram(string type) => type.EndsWith("_PERCENTILES", StringComparison.Ordinal);
        var histogramTypes = types.Where(IsHistogram).ToList();
        return ApiResult.Json(partial ? 207 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("measurements");
            foreach (var t in types.Where(t => !IsHistogram(t)))
            {
                MetricJson.WriteWorkloadMeasurement(w, Data, t, i, window);
            }

            w.WriteEndArray();
            if (histogramTypes.Count > 0)
            {
                MetricJson.WriteHistograms(w, Data, histogramTypes, i, window);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>Per-GPU types give one measurement per GPU of the pod.</summary>
    private ApiResult OfPod(ApiRequest request)
    {
        var i = request.Workload();
        if (!Guid.TryParse(request.Route("podId"), out var podId))
        {
            throw RequestRejectedException.BadRequest("podId must be a UUID");
        }

        if (!Data.TryDecode(podId, EntityKind.Pod, out var podWorkload, out var p) || podWorkload != i || p >= Data.Core(i).PodCount)
        {
            throw RequestRejectedException.NotFound("pod " + podId + " not found in workload " + Data.GetWorkloadId(i));
        }

        var (requested, window) = ReadQuery(request, PodMetricTypes);
        var (types, partial) = LeaveOutForPartial(requested);
        ref readonly var c = ref Data.Core(i);
        var gpus = Math.Max(1, (int)Math.Ceiling(c.RequestedGpu / c.ResourcePods));
        var node = Data.Pods.NodeName(i, p) ?? string.Empty;
        return ApiResult.Json(partial ? 207 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("measurements");
            foreach (var t in types)
            {
                var perGpu = t.EndsWith("_PER_GPU", StringComparison.Ordinal);
                for (var g = 0; g < (perGpu ? gpus : 1); g++)
                {
                    MetricJson.WritePodMeasurement(w, Data, t, i, p, g, perGpu ? node : null, window);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static (List<string> Types, SampleWindow Window) ReadQuery(ApiRequest request, string[] allowed)
    {
        var types = request.QueryList("metricType");
        if (types.Count == 0)
        {
            throw RequestRejectedException.BadRequest("metricType is required");
        }

        if (types.Count > MaxTypes)
        {
            throw RequestRejectedException.BadRequest("at most 10 metricType values are allowed");
        }

        foreach (var t in types)
        {
            if (!allowed.Contains(t))
            {
                throw RequestRejectedException.BadRequest("unknown metricType '" + t + "'; allowed: " + string.Join(", ", allowed));
            }
        }

        var s = request.Query("start");
        var e = request.Query("end");
        if (string.IsNullOrEmpty(s) || string.IsNullOrEmpty(e))
        {
            throw RequestRejectedException.BadRequest("start and end are required (ISO 8601)");
        }

        if (!IsoTime.TryParse(s, out var start) || !IsoTime.TryParse(e, out var end))
        {
            throw RequestRejectedException.BadRequest("start and end must be ISO 8601 date-times");
        }

        if (end < start)
        {
            throw RequestRejectedException.BadRequest("end must not be before start");
        }

        var samples = DefaultSamples;
        var n = request.Query("numberOfSamples");
        if (n is not null && (!int.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out samples) || samples < 0 || samples > MaxSamples))
        {
            throw RequestRejectedException.BadRequest("numberOfSamples must be an integer between 0 and 1000");
        }

        return (types, new SampleWindow(start, end, samples));
    }

    /// <summary>With partial metrics on, every second type is left out (a single type: all of them).</summary>
    private (List<string> Types, bool Partial) LeaveOutForPartial(List<string> types)
    {
        if (!options.PartialMetrics)
        {
            return (types, false);
        }

        return (types.Count == 1 ? [] : types.Where((_, k) => k % 2 == 0).ToList(), true);
    }
}
