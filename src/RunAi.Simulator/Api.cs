using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace RunAi.Simulator;

/// <summary>Request handlers. Each computes an <see cref="ApiResult"/> synchronously.</summary>
internal sealed partial class Api
{
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

    private static readonly string[] WorkloadSortFields =
    [
        "type", "name", "clusterId", "projectId", "projectName", "departmentId", "departmentName", "createdAt", "deletedAt", "submittedBy",
        "phase", "completedAt", "nodepool", "distributedFramework", "allocatedGPU", "idleGpus", "idleAllocatedGpus", "phaseUpdatedAt",
        "category", "priority", "totalPendingTimeSeconds", "totalRunningTimeSeconds", "priorityClassName", "guaranteedRuntimeEndsAt",
        "aiApplicationId", "aiApplicationName",
    ];

    private static readonly string[] PodSortFields = ["clusterId", "workloadId", "revisionId", "nodeName", "currentNodepool", "createdAt", "completedAt", "deletedAt"];
    private static readonly string[] TelemetryTypes = ["WORKLOADS_COUNT", "GPU_ALLOCATION", "PENDING_TIME_DISTRIBUTION", "IDLE_ALLOCATED_GPUS"];
    private static readonly string[] GroupByKeys = ["ClusterId", "DepartmentId", "ProjectId", "Type", "CurrentNodepools", "RequestedNodepools", "Phase", "Category"];

    private static readonly string[] MonitorFields =
    [
        "id", "recorded_at", "all_healthy", "api_status", "compiler_status", "runner_status", "api_self_info", "api_resources_info",
        "compiler_self_info", "compiler_resources_info", "runner_self_info", "runner_resources_info",
    ];

    private readonly SimulatorData data;
    private readonly Render render;
    private readonly SimulatorOptions options;
    private readonly WorkloadRows workloadRows;
    private readonly PodRows podRows;
    private readonly QueryCache cache = new(8);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> tokens = new(StringComparer.Ordinal);

    public Api(SimulatorData data, SimulatorOptions options)
    {
        this.data = data;
        this.options = options;
        render = new Render(data);
        workloadRows = new WorkloadRows(data);
        podRows = new PodRows(data, render);
    }

    // ------------------------------------------------------------------ auth

    public void ExpireAllTokens()
    {
        foreach (var key in tokens.Keys)
        {
            tokens[key] = 0;
        }
    }

    /// <summary>Null when authorized, else the reason.</summary>
    public string? Authorize(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return "missing Authorization header";
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "Authorization header must use the Bearer scheme";
        }

        var token = header[7..].Trim();
        if (token.Length == 0)
        {
            return "empty bearer token";
        }

        if (string.Equals(token, options.StaticToken, StringComparison.Ordinal))
        {
            return null;
        }

        if (tokens.TryGetValue(token, out var expires))
        {
            return DateTime.UtcNow.Ticks < expires ? null : "token expired";
        }

        return "invalid token";
    }

    public ApiResult Token(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return ApiResult.BadRequest("request body is required");
        }

        string? grant, id, secret;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiResult.BadRequest("request body must be a JSON object");
            }

            grant = Str(doc.RootElement, "grantType");
            id = Str(doc.RootElement, "clientId");
            secret = Str(doc.RootElement, "clientSecret");
        }
        catch (JsonException ex)
        {
            return ApiResult.BadRequest("malformed JSON: " + ex.Message);
        }

        if (grant is null || id is null || secret is null)
        {
            return ApiResult.BadRequest("grantType, clientId and clientSecret are required");
        }

        if (grant != "client_credentials")
        {
            return ApiResult.BadRequest("unsupported grantType '" + grant + "'");
        }

        if (id != options.ClientId || secret != options.ClientSecret)
        {
            return ApiResult.Error(401, "Unauthorized", "invalid client credentials");
        }

        var lifetime = options.TokenLifetimeSeconds;
        var token = "sim_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        tokens[token] = DateTime.UtcNow.Ticks + (lifetime * TimeSpan.TicksPerSecond);
        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("accessToken", token);
            w.WriteNumber("expiresIn", lifetime);
            w.WriteEndObject();
        });

        static string? Str(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
    }

    // ------------------------------------------------------------------ query helpers

    private static string? Q(HttpContext ctx, string name)
    {
        var v = ctx.Request.Query[name];
        return v.Count == 0 ? null : v[0];
    }

    private static IEnumerable<string> QAll(HttpContext ctx, string name) => ctx.Request.Query[name].Where(s => s is not null)!;

    private static List<string> SplitAll(HttpContext ctx, string name)
        => QAll(ctx, name).SelectMany(s => s.Split(',')).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    private static ApiResult? Paging(HttpContext ctx, out int offset, out int limit)
    {
        offset = 0;
        limit = 50;
        var o = Q(ctx, "offset");
        if (o is not null && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return ApiResult.BadRequest("offset must be an integer >= 0");
        }

        var l = Q(ctx, "limit");
        if (l is not null && (!int.TryParse(l, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 500))
        {
            return ApiResult.BadRequest("limit must be an integer between 1 and 500");
        }

        return null;
    }

    private static ApiResult? Bool(HttpContext ctx, string name, out bool value)
    {
        value = false;
        var s = Q(ctx, name);
        if (s is null || s.Length == 0)
        {
            return null;
        }

        return bool.TryParse(s, out value) ? null : ApiResult.BadRequest(name + " must be true or false");
    }

    private static ApiResult? SortOrder(HttpContext ctx, bool defaultDesc, out bool desc)
    {
        desc = defaultDesc;
        var s = Q(ctx, "sortOrder");
        if (s is null)
        {
            return null;
        }

        if (s == "asc")
        {
            desc = false;
        }
        else if (s == "desc")
        {
            desc = true;
        }
        else
        {
            return ApiResult.BadRequest("sortOrder must be asc or desc");
        }

        return null;
    }

    private ApiResult? WorkloadFromRoute(HttpContext ctx, out int index)
    {
        index = -1;
        var raw = ctx.Request.RouteValues["workloadId"] as string;
        if (!Guid.TryParse(raw, out var id))
        {
            return ApiResult.BadRequest("workloadId must be a UUID");
        }

        index = data.IndexOf(id);
        return index < 0 ? ApiResult.NotFound("workload " + id + " not found") : null;
    }

    private ApiResult? RevisionFromRoute(HttpContext ctx, out int index, out int revision)
    {
        index = -1;
        revision = -1;
        var raw = ctx.Request.RouteValues["revisionId"] as string;
        if (!Guid.TryParse(raw, out var id))
        {
            return ApiResult.BadRequest("revisionId must be a UUID");
        }

        if (!data.Decode(id, SimulatorData.KindRevision, out index, out revision) || index >= data.WorkloadCount || revision >= data.Core(index).RevisionCount)
        {
            return ApiResult.NotFound("revision " + id + " not found");
        }

        return null;
    }

    private static ApiResult Page(string property, int total, int offset, int limit, bool withNext, Action<Utf8JsonWriter, int> writeItem)
    {
        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            var end = (int)Math.Min(total, (long)offset + limit);
            if (withNext && end < total)
            {
                w.WriteNumber("next", end);
            }

            w.WriteStartArray(property);
            for (var k = offset; k < end; k++)
            {
                writeItem(w, k);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static ApiResult Count(long count) => ApiResult.Ok(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("count", count);
        w.WriteEndObject();
    });

    // ------------------------------------------------------------------ workloads

    private ApiResult? WorkloadQuery(HttpContext ctx, bool sorted, out int[] rows)
    {
        rows = [];
        var err = Bool(ctx, "deleted", out var deleted);
        if (err is not null)
        {
            return err;
        }

        string? sortBy = null;
        var desc = false;
        if (sorted)
        {
            sortBy = Q(ctx, "sortBy");
            if (sortBy is not null && !WorkloadSortFields.Contains(sortBy))
            {
                return ApiResult.BadRequest("sortBy must be one of: " + string.Join(", ", WorkloadSortFields));
            }

            err = SortOrder(ctx, false, out desc);
            if (err is not null)
            {
                return err;
            }
        }

        var parseError = Filters.Parse(QAll(ctx, "filterBy"), WorkloadRows.FieldMap, WorkloadRows.Pattern, out var filters);
        if (parseError is not null)
        {
            return ApiResult.BadRequest(parseError);
        }

        var search = Q(ctx, "search");
        if (string.IsNullOrEmpty(search))
        {
            search = null;
        }

        var baseRows = deleted ? data.DeletedIndexes : data.ActiveIndexes;
        if (filters.Count == 0 && search is null && (sortBy is null || !sorted) && !desc)
        {
            rows = baseRows;
            return null;
        }

        var key = "w|" + deleted + "|" + string.Join("\u0001", filters.Select(f => f.Field + f.Op + f.Value)) + "|" + search + "|" + sortBy + "|" + desc;
        rows = cache.GetOrAdd(key, () =>
        {
            var list = new List<int>();
            foreach (var i in baseRows)
            {
                if (search is not null
                    && !data.WorkloadName(i).Contains(search, StringComparison.OrdinalIgnoreCase)
                    && !SimulatorData.ProjectNames[data.Core(i).Project].Contains(search, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (Filters.Matches(workloadRows, i, filters))
                {
                    list.Add(i);
                }
            }

            var arr = list.ToArray();
            if (sortBy is not null)
            {
                Filters.Sort(workloadRows, arr, sortBy, desc);
            }
            else if (desc)
            {
                Array.Reverse(arr);
            }

            return arr;
        });
        return null;
    }

    public ApiResult ListWorkloads(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = Paging(ctx, out var offset, out var limit)) is not null || (err = WorkloadQuery(ctx, true, out var rows)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        return Page("workloads", rows.Length, offset, limit, true, (w, k) => render.Workload(w, rows[k], false));
    }

    public ApiResult CountWorkloads(HttpContext ctx)
    {
        var err = WorkloadQuery(ctx, false, out var rows);
        return err ?? Count(rows.Length);
    }

    public ApiResult GetWorkload(HttpContext ctx)
    {
        var err = WorkloadFromRoute(ctx, out var i);
        return err ?? ApiResult.Ok(w => render.Workload(w, i, true));
    }

    public ApiResult Endpoints(HttpContext ctx)
    {
        var err = WorkloadFromRoute(ctx, out var i);
        return err ?? ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("endpoints");
            render.Endpoints(w, i);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public ApiResult Elements(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = WorkloadFromRoute(ctx, out var i)) is not null || (err = Paging(ctx, out var offset, out var limit)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        return Page("elements", data.Core(i).ElementCount, offset, limit, true, (w, k) => render.Element(w, i, k));
    }

    public ApiResult ElementsCount(HttpContext ctx)
    {
        var err = WorkloadFromRoute(ctx, out var i);
        if (err is not null)
        {
            return err;
        }

        var stored = data.Core(i).ElementCount;
        var total = stored >= 120 ? stored + 25 : stored;
        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("storedElementsCount", stored);
            w.WriteNumber("totalElementsCount", total);
            w.WriteEndObject();
        });
    }

    // ------------------------------------------------------------------ events and history

    public ApiResult WorkloadEvents(HttpContext ctx)
    {
        var err = WorkloadFromRoute(ctx, out var i);
        return err ?? Events(ctx, i, -1, data.Core(i).EventCount);
    }

    public ApiResult RevisionEvents(HttpContext ctx)
    {
        var err = RevisionFromRoute(ctx, out var i, out var r);
        return err ?? Events(ctx, i, r, render.RevisionEventCount(i, r));
    }

    private ApiResult Events(HttpContext ctx, int i, int r, int n)
    {
        ApiResult? err;
        if ((err = Paging(ctx, out var offset, out var limit)) is not null || (err = SortOrder(ctx, true, out var desc)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        return Page("events", n, offset, limit, true, (w, k) => render.Event(w, i, r, desc ? n - 1 - k : k));
    }

    public ApiResult WorkloadHistory(HttpContext ctx)
    {
        var err = WorkloadFromRoute(ctx, out var i);
        return err ?? History(ctx, i, -1);
    }

    public ApiResult RevisionHistory(HttpContext ctx)
    {
        var err = RevisionFromRoute(ctx, out var i, out var r);
        return err ?? History(ctx, i, r);
    }

    private ApiResult History(HttpContext ctx, int i, int r)
    {
        var err = Paging(ctx, out var offset, out var limit);
        if (err is not null)
        {
            return err;
        }

        var records = render.History(i, r);
        return Page("records", records.Count, offset, limit, true, (w, k) => render.HistoryRecord(w, i, r, records[k]));
    }

    // ------------------------------------------------------------------ revisions

    private ApiResult? InferenceFromRoute(HttpContext ctx, out int i)
    {
        var err = WorkloadFromRoute(ctx, out i);
        if (err is null && data.Core(i).RevisionCount == 0)
        {
            err = ApiResult.NotFound("workload " + data.GetWorkloadId(i) + " is not an inference workload");
        }

        return err;
    }

    private List<int> RevisionsOf(int i, bool deleted)
    {
        var list = new List<int>();
        for (var r = 0; r < data.Core(i).RevisionCount; r++)
        {
            if ((render.RevisionDeletedTicks(i, r) != 0) == deleted)
            {
                list.Add(r);
            }
        }

        return list;
    }

    public ApiResult Revisions(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = InferenceFromRoute(ctx, out var i)) is not null || (err = Bool(ctx, "deleted", out var deleted)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        var revs = RevisionsOf(i, deleted);
        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("revisions");
            foreach (var r in revs)
            {
                render.Revision(w, i, r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public ApiResult RevisionsCount(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = InferenceFromRoute(ctx, out var i)) is not null || (err = Bool(ctx, "deleted", out var deleted)) is not null)
        {
            return err;
        }
        return err ?? Count(RevisionsOf(i, deleted).Count);
    }

    public ApiResult GetRevision(HttpContext ctx)
    {
        var err = RevisionFromRoute(ctx, out var i, out var r);
        return err ?? ApiResult.Ok(w => render.Revision(w, i, r));
    }

    // ------------------------------------------------------------------ pods

    private ApiResult? PodQuery(HttpContext ctx, bool sorted, out int[] rows)
    {
        rows = [];
        var err = Bool(ctx, "deleted", out var deleted);
        if (err is not null)
        {
            return err;
        }

        var completedText = Q(ctx, "completed") ?? "all";
        bool? completed = completedText.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            "ALL" or "" => null,
            _ => null,
        };

        string? sortBy = null;
        var desc = false;
        if (sorted)
        {
            sortBy = Q(ctx, "sortBy");
            if (sortBy is not null && !PodSortFields.Contains(sortBy))
            {
                return ApiResult.BadRequest("sortBy must be one of: " + string.Join(", ", PodSortFields));
            }

            err = SortOrder(ctx, false, out desc);
            if (err is not null)
            {
                return err;
            }
        }

        var parseError = Filters.Parse(QAll(ctx, "filterBy"), PodRows.FieldMap, PodRows.Pattern, out var filters);
        if (parseError is not null)
        {
            return ApiResult.BadRequest(parseError);
        }

        var search = Q(ctx, "search");
        if (string.IsNullOrEmpty(search))
        {
            search = null;
        }

        var key = "p|" + deleted + "|" + completed + "|" + string.Join("\u0001", filters.Select(f => f.Field + f.Op + f.Value)) + "|" + search + "|" + sortBy + "|" + desc;
        rows = cache.GetOrAdd(key, () =>
        {
            var list = new List<int>();
            for (var i = 0; i < data.WorkloadCount; i++)
            {
                var n = data.Core(i).PodCount;
                var wname = search is null ? null : data.WorkloadName(i);
                for (var p = 0; p < n; p++)
                {
                    if ((render.PodDeletedTicks(i, p) != 0) != deleted)
                    {
                        continue;
                    }

                    if (completed is not null && (render.PodCompletedTicks(i, p) != 0) != completed.Value)
                    {
                        continue;
                    }

                    if (search is not null && !wname!.Contains(search, StringComparison.OrdinalIgnoreCase)
                        && !render.PodName(i, p).Contains(search, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var row = data.PodStart(i) + p;
                    if (filters.Count == 0 || Filters.Matches(podRows, row, filters))
                    {
                        list.Add(row);
                    }
                }
            }

            var arr = list.ToArray();
            if (sortBy is not null)
            {
                Filters.Sort(podRows, arr, sortBy, desc);
            }
            else if (desc)
            {
                Array.Reverse(arr);
            }

            return arr;
        });
        return null;
    }

    private static ApiResult? CheckCompleted(HttpContext ctx)
    {
        var c = Q(ctx, "completed");
        return c is null || c.Length == 0 || c.Equals("true", StringComparison.OrdinalIgnoreCase) || c.Equals("false", StringComparison.OrdinalIgnoreCase) || c.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? null
            : ApiResult.BadRequest("completed must be true, false or all");
    }

    public ApiResult ListPods(HttpContext ctx)
    {
        var verbosity = Q(ctx, "verbosity") ?? "brief";
        if (verbosity is not ("brief" or "full"))
        {
            return ApiResult.BadRequest("verbosity must be brief or full");
        }

        ApiResult? err;
        if ((err = Paging(ctx, out var offset, out var limit)) is not null || (err = CheckCompleted(ctx)) is not null || (err = PodQuery(ctx, true, out var rows)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        var full = verbosity == "full";
        return Page("pods", rows.Length, offset, limit, true, (w, k) =>
        {
            var (i, p) = podRows.Locate(rows[k]);
            render.Pod(w, i, p, full);
        });
    }

    public ApiResult CountPods(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = CheckCompleted(ctx)) is not null || (err = PodQuery(ctx, false, out var rows)) is not null)
        {
            return err;
        }
        return err ?? Count(rows.Length);
    }

    public ApiResult WorkloadPods(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = WorkloadFromRoute(ctx, out var i)) is not null || (err = Paging(ctx, out var offset, out var limit)) is not null || (err = Bool(ctx, "deleted", out var deleted)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        var search = Q(ctx, "search");
        var pods = new List<int>();
        for (var p = 0; p < data.Core(i).PodCount; p++)
        {
            if ((render.PodDeletedTicks(i, p) != 0) == deleted
                && (string.IsNullOrEmpty(search) || render.PodName(i, p).Contains(search, StringComparison.OrdinalIgnoreCase)))
            {
                pods.Add(p);
            }
        }

        return Page("pods", pods.Count, offset, limit, true, (w, k) => render.Pod(w, i, pods[k], false));
    }

    public ApiResult RevisionPods(HttpContext ctx)
    {
        ApiResult? err;
        if ((err = RevisionFromRoute(ctx, out var i, out var r)) is not null || (err = Bool(ctx, "deleted", out var deleted)) is not null)
        {
            return err;
        }
        if (err is not null)
        {
            return err;
        }

        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("pods");
            for (var p = 0; p < data.Core(i).PodCount; p++)
            {
                if (render.PodRevision(i, p) == r && (render.PodDeletedTicks(i, p) != 0) == deleted)
                {
                    render.Pod(w, i, p, false);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public ApiResult ClusterPods(HttpContext ctx)
    {
        var raw = ctx.Request.RouteValues["uuid"] as string;
        if (!Guid.TryParse(raw, out var id))
        {
            return ApiResult.Json(400, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("code", 400);
                w.WriteString("message", "cluster uuid must be a UUID");
                w.WriteEndObject();
            });
        }

        var cluster = data.ClusterIndexOf(id);
        if (cluster < 0)
        {
            return ApiResult.Json(404, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("code", 404);
                w.WriteString("message", "cluster " + id + " not found");
                w.WriteEndObject();
            });
        }

        return ApiResult.Json(200, w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < data.WorkloadCount; i++)
            {
                if (data.Core(i).Cluster != cluster)
                {
                    continue;
                }

                for (var p = 0; p < data.Core(i).PodCount; p++)
                {
                    if (render.PodDeletedTicks(i, p) == 0)
                    {
                        render.LegacyPod(w, i, p);
                    }
                }
            }

            w.WriteEndArray();
        });
    }
}
