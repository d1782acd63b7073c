using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Data;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;

namespace RunAi.Simulator.Endpoints;

/// <summary>Workload telemetry: a count, sum or average over the listed workloads, optionally grouped by up to two keys.</summary>
internal sealed class TelemetryEndpoints(SimulatorData data) : ApiEndpoints(data)
{
    private const int MaxGroupBy = 2;
    private const int MaxPhases = 10;

    private static readonly string[] TelemetryTypes = ["WORKLOADS_COUNT", "GPU_ALLOCATION", "PENDING_TIME_DISTRIBUTION", "IDLE_ALLOCATED_GPUS"];
    private static readonly string[] GroupByKeys = ["ClusterId", "DepartmentId", "ProjectId", "Type", "CurrentNodepools", "RequestedNodepools", "Phase", "Category"];

    public override void Map(IEndpointRouteBuilder routes) => Get(routes, "/api/v1/workloads/telemetry", Telemetry);

    private ApiResult Telemetry(ApiRequest request)
    {
        var type = request.Query("telemetryType");
        if (string.IsNullOrEmpty(type))
        {
            throw RequestRejectedException.BadRequest("telemetryType is required");
        }

        if (!TelemetryTypes.Contains(type))
        {
            throw RequestRejectedException.BadRequest("telemetryType must be one of: " + string.Join(", ", TelemetryTypes));
        }

        var groupBy = ReadGroupBy(request);
        var phases = ReadPhases(request);
        var cluster = ReadCluster(request);
        var nodepool = request.Query("nodepoolName");
        var department = request.Query("departmentId");
        var groups = new Dictionary<string, (List<TelemetryGroupKey> Keys, double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var i in Data.ActiveIndexes)
        {
            ref readonly var c = ref Data.Core(i);
            if ((cluster >= 0 && c.Cluster != cluster)
                || (phases.Count > 0 && !phases.Contains(c.Phase))
                || (!string.IsNullOrEmpty(department) && c.DepartmentId != department)
                || (!string.IsNullOrEmpty(nodepool) && c.RequestedNodepool != nodepool && c.CurrentNodepool != nodepool))
            {
                continue;
            }

            var keys = new List<TelemetryGroupKey>();
            foreach (var g in groupBy)
            {
                if (GroupOf(i, g) is not { } key)
                {
                    break; // a workload without a value for a key (no current node pool) is in no group
                }

                keys.Add(key);
            }

            if (keys.Count < groupBy.Count)
            {
                continue;
            }

            double x = type switch
            {
                "GPU_ALLOCATION" => c.AllocatedGpu,
                "IDLE_ALLOCATED_GPUS" => c.Phase.IsRunning() ? c.IdleAllocatedGpus : 0,
                "PENDING_TIME_DISTRIBUTION" => c.PendingSec,
                _ => 1,
            };
            var groupKey = string.Join("\u0001", keys.Select(k => k.Value));
            groups[groupKey] = groups.TryGetValue(groupKey, out var acc) ? (acc.Keys, acc.Sum + x, acc.Count + 1) : (keys, x, 1);
        }

        if (groupBy.Count == 0 && groups.Count == 0)
        {
            groups[string.Empty] = ([], 0, 0);
        }

        var values = groups.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new TelemetryValue(
            type == "PENDING_TIME_DISTRIBUTION" ? (kv.Value.Count == 0 ? 0 : Math.Round(kv.Value.Sum / kv.Value.Count)) : Math.Round(kv.Value.Sum, 3),
            kv.Value.Keys));
        return ApiResult.Ok(w => TelemetryJson.Write(w, type, Data.RefTicks, groupBy.Count > 0, values));
    }

    private static List<string> ReadGroupBy(ApiRequest request)
    {
        var groupBy = request.QueryList("groupBy");
        if (groupBy.Count > MaxGroupBy)
        {
            throw RequestRejectedException.BadRequest("at most 2 groupBy values are allowed");
        }

        if (groupBy.Any(g => !GroupByKeys.Contains(g)))
        {
            throw RequestRejectedException.BadRequest("groupBy must be one of: " + string.Join(", ", GroupByKeys));
        }

        return groupBy;
    }

    private static HashSet<WorkloadPhase> ReadPhases(ApiRequest request)
    {
        var names = request.QueryList("filterByPhases");
        if (names.Count > MaxPhases)
        {
            throw RequestRejectedException.BadRequest("at most 10 filterByPhases values are allowed");
        }

        var phases = new HashSet<WorkloadPhase>();
        foreach (var name in names)
        {
            phases.Add(WorkloadPhases.TryParse(name, out var phase) ? phase : throw RequestRejectedException.BadRequest("unknown phase '" + name + "'"));
        }

        return phases;
    }

    /// <summary>The cluster index of <c>clusterId</c>, or -1 when absent.</summary>
    private int ReadCluster(ApiRequest request)
    {
        var text = request.Query("clusterId");
        if (string.IsNullOrEmpty(text))
        {
            return -1;
        }

        if (!Guid.TryParse(text, out var id))
        {
            throw RequestRejectedException.BadRequest("clusterId must be a UUID");
        }

        var cluster = Data.ClusterIndexOf(id);
        return cluster >= 0 ? cluster : throw RequestRejectedException.NotFound("cluster " + id + " not found");
    }

    /// <summary>A workload's group for a key: value and display name; null when it has none (no current node pool).</summary>
    private TelemetryGroupKey? GroupOf(int i, string key)
    {
        ref readonly var c = ref Data.Core(i);
        return key switch
        {
            "ClusterId" => new(key, Data.ClusterId(c.Cluster).ToString(), "cluster-" + (char)('a' + c.Cluster)),
            "DepartmentId" => new(key, c.DepartmentId, c.DepartmentName),
            "ProjectId" => new(key, c.ProjectId, c.ProjectName),
            "Type" => new(key, c.Type.Name(), c.Type.Name()),
            "CurrentNodepools" => c.CurrentNodepool is { } current ? new(key, current, current) : null,
            "RequestedNodepools" => new(key, c.RequestedNodepool, c.RequestedNodepool),
            "Phase" => new(key, c.Phase.Name(), c.Phase.Name()),
            _ => new(key, c.Type.Category(), c.Type.Category()),
        };
    }
}
