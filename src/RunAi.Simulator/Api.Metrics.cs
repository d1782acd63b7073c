using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RunAi.Simulator;

internal sealed partial class Api
{
    private static ApiResult? MetricsQuery(HttpContext ctx, string[] allowed, out List<string> types, out long start, out long end, out int samples)
    {
        types = SplitAll(ctx, "metricType");
        start = end = 0;
        samples = 20;
        if (types.Count == 0)
        {
            return ApiResult.BadRequest("metricType is required");
        }

        if (types.Count > 10)
        {
            return ApiResult.BadRequest("at most 10 metricType values are allowed");
        }

        foreach (var t in types)
        {
            if (!allowed.Contains(t))
            {
                return ApiResult.BadRequest("unknown metricType '" + t + "'; allowed: " + string.Join(", ", allowed));
            }
        }

        var s = Q(ctx, "start");
        var e = Q(ctx, "end");
        if (string.IsNullOrEmpty(s) || string.IsNullOrEmpty(e))
        {
            return ApiResult.BadRequest("start and end are required (ISO 8601)");
        }

        if (!Iso.TryParse(s, out start) || !Iso.TryParse(e, out end))
        {
            return ApiResult.BadRequest("start and end must be ISO 8601 date-times");
        }

        if (end < start)
        {
            return ApiResult.BadRequest("end must not be before start");
        }

        var n = Q(ctx, "numberOfSamples");
        if (n is not null && (!int.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out samples) || samples < 0 || samples > 1000))
        {
            return ApiResult.BadRequest("numberOfSamples must be an integer between 0 and 1000");
        }

        return null;
    }

    private static long SampleTicks(long start, long end, int k, int n)
        => n <= 1 ? start : start + ((end - start) / (n - 1) * k);

    private string SampleValue(string type, int i, int p, int k, int gpu)
    {
        var h = new Hash(Hash.Of(data.Seed, 40 + type.Length, i, (p * 4096) + (gpu * 1024) + k) ^ Hash.OfText(type));
        var x = h.Double();
        ref readonly var c = ref data.Core(i);
        double v = type switch
        {
            _ when type.EndsWith("_BYTES", StringComparison.Ordinal) || type.EndsWith("_BYTES_PER_GPU", StringComparison.Ordinal) => Math.Round(x * 40e9),
            _ when type.Contains("UTILIZATION", StringComparison.Ordinal) || type.Contains("ACTIVITY", StringComparison.Ordinal) || type.Contains("OCCUPANCY", StringComparison.Ordinal) || type.EndsWith("PERC", StringComparison.Ordinal) => Math.Round(x * 100, 2),
            _ when type.Contains("CORES", StringComparison.Ordinal) => Math.Round(x * 8, 3),
            "POD_COUNT" => c.PodCount,
            "RUNNING_POD_COUNT" => c.Phase is 5 or 6 or 9 ? c.PodCount : 0,
            "GPU_ALLOCATION" => c.AllocatedGpu,
            _ when type.Contains("SECONDS", StringComparison.Ordinal) => Math.Round(x * 2, 4),
            _ when type.Contains("BANDWIDTH", StringComparison.Ordinal) => Math.Round(x * 5e10),
            _ => Math.Round(x * 50),
        };
        return v.ToString("R", CultureInfo.InvariantCulture);
    }

    private static List<string> DropForPartial(List<string> types, out bool partial, bool enabled)
    {
        partial = enabled;
        if (!enabled)
        {
            return types;
        }

        return types.Count == 1 ? [] : types.Where((_, k) => k % 2 == 0).ToList();
    }

    public ApiResult WorkloadMetrics(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = WorkloadFromRoute(ctx, out var i)) is not null || (err = MetricsQuery(ctx, WorkloadMetricTypes, out var types, out var start, out var end, out var n)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        types = DropForPartial(types, out var partial, options.PartialMetrics);
        var histogramTypes = types.Where(t => t.EndsWith("_PERCENTILES", StringComparison.Ordinal)).ToList();
        return ApiResult.Json(partial ? 207 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("measurements");
            foreach (var t in types.Where(t => !t.EndsWith("_PERCENTILES", StringComparison.Ordinal)))
            {
                w.WriteStartObject();
                w.WriteString("type", t);
                w.WriteNull("labels");
                w.WriteStartArray("values");
                for (var k = 0; k < n; k++)
                {
                    w.WriteStartObject();
                    w.WriteString("value", SampleValue(t, i, 0, k, 0));
                    Iso.Write(w, "timestamp", SampleTicks(start, end, k, n));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (histogramTypes.Count > 0)
            {
                w.WriteStartArray("histogram");
                foreach (var t in histogramTypes)
                {
                    w.WriteStartObject();
                    w.WriteString("type", t);
                    w.WriteStartArray("values");
                    for (var k = 0; k < n; k++)
                    {
                        w.WriteStartObject();
                        Iso.Write(w, "timestamp", SampleTicks(start, end, k, n));
                        w.WriteStartObject("data");
                        var baseValue = double.Parse(SampleValue(t, i, 0, k, 0), CultureInfo.InvariantCulture);
                        w.WriteString("p50", baseValue.ToString("R", CultureInfo.InvariantCulture));
                        w.WriteString("p90", (baseValue * 1.8).ToString("R", CultureInfo.InvariantCulture));
                        w.WriteString("p99", (baseValue * 3.1).ToString("R", CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    public ApiResult PodMetrics(HttpContext ctx)
    {
        var err = WorkloadFromRoute(ctx, out var i);
        if (err is not null)
        {
            return err;
        }

        var raw = ctx.Request.RouteValues["podId"] as string;
        if (!Guid.TryParse(raw, out var podId))
        {
            return ApiResult.BadRequest("podId must be a UUID");
        }

        if (!data.Decode(podId, SimulatorData.KindPod, out var pi, out var p) || pi != i || p >= data.Core(i).PodCount)
        {
            return ApiResult.NotFound("pod " + podId + " not found in workload " + data.GetWorkloadId(i));
        }

        err = MetricsQuery(ctx, PodMetricTypes, out var types, out var start, out var end, out var n);
        if (err is not null)
        {
            return err;
        }

        types = DropForPartial(types, out var partial, options.PartialMetrics);
        ref readonly var c = ref data.Core(i);
        var gpus = Math.Max(1, (int)Math.Ceiling(c.RequestedGpu / (c.Type == 3 ? c.PodCount : 1)));
        return ApiResult.Json(partial ? 207 : 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("measurements");
            foreach (var t in types)
            {
                var perGpu = t.EndsWith("_PER_GPU", StringComparison.Ordinal);
                for (var g = 0; g < (perGpu ? gpus : 1); g++)
                {
                    w.WriteStartObject();
                    w.WriteString("type", t);
                    if (perGpu)
                    {
                        w.WriteStartObject("labels");
                        w.WriteString("gpu", g.ToString(CultureInfo.InvariantCulture));
                        w.WriteString("node", render.PodNodeName(i, p) ?? string.Empty);
                        w.WriteEndObject();
                    }

                    w.WriteStartArray("values");
                    for (var k = 0; k < n; k++)
                    {
                        w.WriteStartObject();
                        w.WriteString("value", SampleValue(t, i, p + 1, k, g));
                        Iso.Write(w, "timestamp", SampleTicks(start, end, k, n));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    // ------------------------------------------------------------------ telemetry

    private (string Value, string Name)? GroupValue(int i, string key)
    {
        ref readonly var c = ref data.Core(i);
        return key switch
        {
            "ClusterId" => (data.ClusterId(c.Cluster).ToString(), "cluster-" + (char)('a' + c.Cluster)),
            "DepartmentId" => (SimulatorData.DepartmentIds[c.Project % 3], SimulatorData.DepartmentNames[c.Project % 3]),
            "ProjectId" => (SimulatorData.ProjectIds[c.Project], SimulatorData.ProjectNames[c.Project]),
            "Type" => (SimulatorData.Types[c.Type], SimulatorData.Types[c.Type]),
            "CurrentNodepools" => c.NodepoolCurrent == 255 ? null : (SimulatorData.Nodepools[c.NodepoolCurrent], SimulatorData.Nodepools[c.NodepoolCurrent]),
            "RequestedNodepools" => (SimulatorData.Nodepools[c.NodepoolRequested], SimulatorData.Nodepools[c.NodepoolRequested]),
            "Phase" => (SimulatorData.Phases[c.Phase], SimulatorData.Phases[c.Phase]),
            _ => (SimulatorData.Category(c.Type), SimulatorData.Category(c.Type)),
        };
    }

    public ApiResult Telemetry(HttpContext ctx)
    {
        var type = Q(ctx, "telemetryType");
        if (string.IsNullOrEmpty(type))
        {
            return ApiResult.BadRequest("telemetryType is required");
        }

        if (!TelemetryTypes.Contains(type))
        {
            return ApiResult.BadRequest("telemetryType must be one of: " + string.Join(", ", TelemetryTypes));
        }

        var groupBy = SplitAll(ctx, "groupBy");
        if (groupBy.Count > 2)
        {
            return ApiResult.BadRequest("at most 2 groupBy values are allowed");
        }

        foreach (var g in groupBy)
        {
            if (!GroupByKeys.Contains(g))
            {
                return ApiResult.BadRequest("groupBy must be one of: " + string.Join(", ", GroupByKeys));
            }
        }

        var phases = SplitAll(ctx, "filterByPhases");
        if (phases.Count > 10)
        {
            return ApiResult.BadRequest("at most 10 filterByPhases values are allowed");
        }

        foreach (var ph in phases)
        {
            if (!SimulatorData.Phases.Contains(ph))
            {
                return ApiResult.BadRequest("unknown phase '" + ph + "'");
            }
        }

        var cluster = -1;
        var clusterText = Q(ctx, "clusterId");
        if (!string.IsNullOrEmpty(clusterText))
        {
            if (!Guid.TryParse(clusterText, out var cid))
            {
                return ApiResult.BadRequest("clusterId must be a UUID");
            }

            cluster = data.ClusterIndexOf(cid);
            if (cluster < 0)
            {
                return ApiResult.NotFound("cluster " + cid + " not found");
            }
        }

        var nodepool = Q(ctx, "nodepoolName");
        var department = Q(ctx, "departmentId");
        var phaseSet = phases.Select(ph => Array.IndexOf(SimulatorData.Phases, ph)).ToHashSet();
        var groups = new Dictionary<string, (List<(string Key, string Value, string Name)> Keys, double Sum, int Count)>(StringComparer.Ordinal);
        foreach (var i in data.ActiveIndexes)
        {
            ref readonly var c = ref data.Core(i);
            if ((cluster >= 0 && c.Cluster != cluster)
                || (phaseSet.Count > 0 && !phaseSet.Contains(c.Phase))
                || (!string.IsNullOrEmpty(department) && SimulatorData.DepartmentIds[c.Project % 3] != department)
                || (!string.IsNullOrEmpty(nodepool) && SimulatorData.Nodepools[c.NodepoolRequested] != nodepool && (c.NodepoolCurrent == 255 || SimulatorData.Nodepools[c.NodepoolCurrent] != nodepool)))
            {
                continue;
            }

            var keys = new List<(string, string, string)>();
            var skip = false;
            foreach (var g in groupBy)
            {
                var v = GroupValue(i, g);
                if (v is null)
                {
                    skip = true;
                    break;
                }

                keys.Add((g, v.Value.Value, v.Value.Name));
            }

            if (skip)
            {
                continue;
            }

            double x = type switch
            {
                "GPU_ALLOCATION" => c.AllocatedGpu,
                "IDLE_ALLOCATED_GPUS" => c.Phase is 5 or 6 or 9 ? c.IdleAllocatedGpus : 0,
                "PENDING_TIME_DISTRIBUTION" => c.PendingSec,
                _ => 1,
            };
            var key = string.Join("\u0001", keys.Select(k => k.Item2));
            groups[key] = groups.TryGetValue(key, out var acc) ? (acc.Keys, acc.Sum + x, acc.Count + 1) : (keys, x, 1);
        }

        if (groupBy.Count == 0 && groups.Count == 0)
        {
            groups[string.Empty] = ([], 0, 0);
        }

        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            Iso.Write(w, "timestamp", data.RefTicks);
            w.WriteStartArray("values");
            foreach (var (_, g) in groups.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var value = type == "PENDING_TIME_DISTRIBUTION" ? (g.Count == 0 ? 0 : Math.Round(g.Sum / g.Count)) : Math.Round(g.Sum, 3);
                w.WriteStartObject();
                w.WriteString("value", value.ToString("R", CultureInfo.InvariantCulture));
                if (groupBy.Count > 0)
                {
                    w.WriteStartArray("groups");
                    foreach (var (k, v, name) in g.Keys)
                    {
                        w.WriteStartObject();
                        w.WriteString("key", k);
                        w.WriteString("value", v);
                        w.WriteString("name", name);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    // ------------------------------------------------------------------ cluster monitor (other service)

    private static ApiResult? Selector(HttpContext ctx, out HashSet<string>? fields)
    {
        fields = null;
        var raw = QAll(ctx, "selector").ToList();
        if (raw.Count == 0)
        {
            return null;
        }

        var parts = SplitAll(ctx, "selector");
        foreach (var f in parts)
        {
            if (!MonitorFields.Contains(f))
            {
                return ApiResult.MonitorError(400, "invalid_selector", "unknown selector field '" + f + "'", "allowed fields: " + string.Join(", ", MonitorFields));
            }
        }

        fields = parts.Count == 0 ? null : parts.ToHashSet(StringComparer.Ordinal);
        return null;
    }

    private void MonitorEvent(Utf8JsonWriter w, int k, HashSet<string>? fields)
    {
        var h = Hash.For(data.Seed, SimulatorData.KindMonitorEvent, k);
        var statuses = new[] { "ok", "ok", "ok", "ok", "ok", "ok", "degraded", "ok", "down", "ok" };
        var api = statuses[h.Int(statuses.Length)];
        var compiler = statuses[h.Int(statuses.Length)];
        var runner = statuses[h.Int(statuses.Length)];
        bool Want(string f) => fields is null || fields.Contains(f);
        w.WriteStartObject();
        if (Want("id"))
        {
            w.WriteString("id", data.MakeId(SimulatorData.KindMonitorEvent, k, 0));
        }

        if (Want("recorded_at"))
        {
            Iso.Write(w, "recorded_at", data.RefTicks - (k * 259 * TimeSpan.TicksPerSecond));
        }

        if (Want("all_healthy"))
        {
            w.WriteBoolean("all_healthy", api == "ok" && compiler == "ok" && runner == "ok");
        }

        foreach (var (part, status) in new[] { ("api", api), ("compiler", compiler), ("runner", runner) })
        {
            if (Want(part + "_status"))
            {
                w.WriteString(part + "_status", status);
            }
        }

        var withResources = k % 3 != 2;
        foreach (var part in new[] { "api", "compiler", "runner" })
        {
            if (Want(part + "_self_info"))
            {
                w.WriteString(part + "_self_info", part + " v3.4." + (k % 7).ToString(CultureInfo.InvariantCulture) + " on " + part + "-0");
            }

            if (withResources && Want(part + "_resources_info"))
            {
                w.WriteString(part + "_resources_info", "cpu " + h.Int(100).ToString(CultureInfo.InvariantCulture) + "%, memory " + h.Int(100).ToString(CultureInfo.InvariantCulture) + "%");
            }
        }

        w.WriteEndObject();
    }

    public ApiResult MonitorEvents(HttpContext ctx)
    {
        var err = Selector(ctx, out var fields);
        if (err is not null)
        {
            return err;
        }

        var n = SimulatorData.MonitorEventCount;
        var l = Q(ctx, "limit");
        if (l is not null && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1 || n > SimulatorData.MonitorEventCount))
        {
            return ApiResult.MonitorError(400, "invalid_limit", "limit must be between 1 and 1000");
        }

        return ApiResult.Ok(w =>
        {
            w.WriteStartArray();
            for (var k = 0; k < n; k++)
            {
                MonitorEvent(w, k, fields);
            }

            w.WriteEndArray();
        });
    }

    public ApiResult MonitorEventById(HttpContext ctx)
    {
        var raw = ctx.Request.RouteValues["event_id"] as string;
        int k;
        if (string.Equals(raw, "latest", StringComparison.Ordinal))
        {
            k = 0;
        }
        else if (!Guid.TryParse(raw, out var id))
        {
            return ApiResult.MonitorError(400, "invalid_event_id", "event_id must be a UUID or 'latest'", raw);
        }
        else if (!data.Decode(id, SimulatorData.KindMonitorEvent, out k, out _) || k >= SimulatorData.MonitorEventCount)
        {
            return ApiResult.MonitorError(404, "event_not_found", "event " + id + " not found", "events older than 72 hours are deleted");
        }

        var err = Selector(ctx, out var fields);
        return err ?? ApiResult.Ok(w => MonitorEvent(w, k, fields));
    }
}
