using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace RunAi.Simulator.Tests;

/// <summary>Every operation of the OpenAPI documents answers with a body that validates against its schema.</summary>
[Collection("shared")]
public sealed class ContractTests(SharedSimulator sim)
{
    private const string Start = "2025-01-01T00:00:00Z";
    private const string End = "2025-01-01T01:00:00Z";

    private SimulatorData Data => sim.Host.Data;

    private WorkloadInfo FirstInference => Data.Workloads.First(w => w.Type == "Inference" && w.DeletedAt is null && w.RevisionCount >= 2);

    private WorkloadInfo FirstDistributedRunning => Data.Workloads.First(w => w.Type == "Distributed" && w.Phase == "Running" && w.DeletedAt is null);

    /// <summary>Values for every parameter that appears in the documents; an unknown required parameter fails the test.</summary>
    private string? Value(OpenApiOperation op, OpenApiParameter p)
    {
        var metricsOp = op.Path.EndsWith("/metrics", StringComparison.Ordinal);
        return p.Name switch
        {
            "workloadId" when op.Path.Contains("/inferences/", StringComparison.Ordinal) => FirstInference.Id.ToString(),
            "workloadId" when op.Path.Contains("/elements", StringComparison.Ordinal) => Data.ElementsHeavyWorkloadId.ToString(),
            "workloadId" when op.Path.Contains("/pods/", StringComparison.Ordinal) => FirstDistributedRunning.Id.ToString(),
            "workloadId" => Data.Workloads.First(w => w.Phase == "Pending" && w.DeletedAt is null).Id.ToString(),
            "revisionId" => Data.GetRevisionIds(FirstInference.Id)[^1].ToString(),
            "podId" => Data.GetPodIds(FirstDistributedRunning.Id)[0].ToString(),
            "uuid" => Data.ClusterIds[0].ToString(),
            "metricType" when op.Path.Contains("/pods/", StringComparison.Ordinal) => "GPU_UTILIZATION_PER_GPU,CPU_USAGE_CORES,GPU_MEMORY_USAGE_BYTES",
            "metricType" => "GPU_UTILIZATION,CPU_MEMORY_USAGE_BYTES,NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES",
            "start" => Start,
            "end" => End,
            "numberOfSamples" => "7",
            "telemetryType" => "GPU_ALLOCATION",
            "groupBy" => "Phase,ClusterId",
            "limit" => "25",
            "offset" => "0",
            "verbosity" => "full",
            "sortOrder" when metricsOp => null,
            _ => null,
        };
    }

    [Fact]
    public void Documents_contain_the_21_operations()
    {
        var ops = OpenApiDocs.Operations();
        Assert.Equal(21, ops.Count);
        Assert.Equal(ops.Count, ops.Select(o => o.Path).Distinct().Count());
    }

    [Fact]
    public async Task Every_operation_answers_with_a_schema_valid_body()
    {
        var failures = new List<string>();
        var ops = OpenApiDocs.Operations();
        foreach (var op in ops)
        {
            var path = op.Path;
            var query = new List<string>();
            foreach (var p in op.Parameters)
            {
                var v = Value(op, p);
                if (v is null)
                {
                    if (p.Required)
                    {
                        failures.Add($"{op.OperationId}: no test value for required parameter {p.Name}");
                    }

                    continue;
                }

                if (p.In == "path")
                {
                    path = path.Replace("{" + p.Name + "}", v, StringComparison.Ordinal);
                }
                else
                {
                    query.Add(p.Name + "=" + Uri.EscapeDataString(v));
                }
            }

            // Path parameters the operation does not declare (pods.json getPods).
            path = path.Replace("{uuid}", Data.ClusterIds[0].ToString(), StringComparison.Ordinal);
            if (path.Contains('{', StringComparison.Ordinal))
            {
                failures.Add($"{op.OperationId}: unresolved path parameter in {path}");
                continue;
            }

            var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
            var (status, body, _) = await Http.GetAsync(sim.Client, url);
            if (status != 200)
            {
                failures.Add($"{op.OperationId}: GET {url} → {status} {body}");
                continue;
            }

            if (!op.ResponseSchemaJson.TryGetValue("200", out var schemaJson))
            {
                failures.Add($"{op.OperationId}: no 200 schema");
                continue;
            }

            var errors = OpenApiDocs.Validate(OpenApiDocs.Schema(op.Document, schemaJson), body);
            if (errors.Count > 0)
            {
                failures.Add($"{op.OperationId}: GET {url}\n  " + string.Join("\n  ", errors.Take(10)));
            }

            if (body.Length < 10)
            {
                failures.Add($"{op.OperationId}: suspiciously small body {body}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Whole_data_set_validates_for_lists_details_and_children()
    {
        var wl = OpenApiDocs.Operations().Single(o => o.OperationId == "get_workloads");
        var listSchema = OpenApiDocs.Schema(wl.Document, wl.ResponseSchemaJson["200"]);
        var detailSchema = OpenApiDocs.ComponentSchema("workloads.json", "WorkloadDetailed");
        foreach (var deleted in new[] { "false", "true" })
        {
            int? offset = 0;
            while (offset is not null)
            {
                var (status, body, _) = await Http.GetAsync(sim.Client, $"api/v1/workloads?limit=500&deleted={deleted}&offset={offset}");
                Assert.Equal(200, status);
                var errors = OpenApiDocs.Validate(listSchema, body);
                Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
                using var doc = JsonDocument.Parse(body);
                offset = doc.RootElement.TryGetProperty("next", out var n) ? n.GetInt32() : null;
            }
        }

        // Details of a sample of every type and phase.
        var samples = Data.Workloads.GroupBy(w => (w.Type, w.Phase, w.DeletedAt is null)).Select(g => g.First()).ToList();
        Assert.True(samples.Count > 30);
        var ops = OpenApiDocs.Operations().ToDictionary(o => o.OperationId);
        foreach (var w in samples)
        {
            var (status, body, _) = await Http.GetAsync(sim.Client, $"api/v1/workloads/{w.Id}");
            Assert.Equal(200, status);
            var errors = OpenApiDocs.Validate(detailSchema, body);
            Assert.True(errors.Count == 0, w.Type + "/" + w.Phase + ": " + string.Join("\n", errors.Take(20)));
            foreach (var (opId, suffix) in new[] { ("get_workload_events", "events?sortOrder=asc"), ("get_workload_history", "history"), ("get_workload_pods", "pods"), ("get_workload_elements", "elements?limit=500") })
            {
                var (s2, b2, _) = await Http.GetAsync(sim.Client, $"api/v1/workloads/{w.Id}/{suffix}" + (suffix == "pods" && w.DeletedAt is not null ? "?deleted=true" : string.Empty));
                Assert.Equal(200, s2);
                var e2 = OpenApiDocs.Validate(OpenApiDocs.Schema(ops[opId].Document, ops[opId].ResponseSchemaJson["200"]), b2);
                Assert.True(e2.Count == 0, opId + ": " + string.Join("\n", e2.Take(20)));
            }

            foreach (var rev in Data.GetRevisionIds(w.Id))
            {
                foreach (var (opId, url) in new[] { ("get_revision", $"api/v1/workloads/inferences/revisions/{rev}"), ("get_revision_events", $"api/v1/workloads/inferences/revisions/{rev}/events"), ("get_revision_history", $"api/v1/workloads/inferences/revisions/{rev}/history"), ("get_revision_pods", $"api/v1/workloads/inferences/revisions/{rev}/pods") })
                {
                    var (s3, b3, _) = await Http.GetAsync(sim.Client, url);
                    Assert.Equal(200, s3);
                    var e3 = OpenApiDocs.Validate(OpenApiDocs.Schema(ops[opId].Document, ops[opId].ResponseSchemaJson["200"]), b3);
                    Assert.True(e3.Count == 0, opId + ": " + string.Join("\n", e3.Take(20)));
                }
            }
        }

        // All pods, full verbosity, deleted and not.
        var podsOp = ops["list_pods"];
        foreach (var deleted in new[] { "false", "true" })
        {
            var (s4, b4, _) = await Http.GetAsync(sim.Client, $"api/v1/workloads/pods?limit=500&verbosity=full&deleted={deleted}");
            Assert.Equal(200, s4);
            var e4 = OpenApiDocs.Validate(OpenApiDocs.Schema(podsOp.Document, podsOp.ResponseSchemaJson["200"]), b4);
            Assert.True(e4.Count == 0, string.Join("\n", e4.Take(20)));
        }

        var clusterPods = ops["getPods"];
        foreach (var cluster in Data.ClusterIds)
        {
            var (s5, b5, _) = await Http.GetAsync(sim.Client, $"v1/k8s/clusters/{cluster}/pods");
            Assert.Equal(200, s5);
            var e5 = OpenApiDocs.Validate(OpenApiDocs.Schema(clusterPods.Document, clusterPods.ResponseSchemaJson["200"]), b5);
            Assert.True(e5.Count == 0, string.Join("\n", e5.Take(20)));
        }
    }

    [Fact]
    public async Task Every_metric_and_telemetry_type_validates_and_partial_answers_207()
    {
        var ops = OpenApiDocs.Operations().ToDictionary(o => o.OperationId);
        var workloadsDoc = OpenApiDocs.Load("workloads.json");
        var podsDoc = OpenApiDocs.Load("pods.json");
        var wTypes = workloadsDoc["components"]!["schemas"]!["WorkloadMetricType"]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        var pTypes = podsDoc["components"]!["schemas"]!["PodMetricType"]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        var tTypes = workloadsDoc["components"]!["schemas"]!["WorkloadTelemetryType"]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        var w = FirstDistributedRunning;
        var pod = Data.GetPodIds(w.Id)[0];
        var wSchema = OpenApiDocs.Schema("workloads.json", ops["get_workload_metrics"].ResponseSchemaJson["200"]);
        var pSchema = OpenApiDocs.Schema("pods.json", ops["get_workload_pod_metrics"].ResponseSchemaJson["200"]);
        foreach (var chunk in wTypes.Chunk(10))
        {
            var body = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{w.Id}/metrics?metricType={string.Join(",", chunk)}&start={Start}&end={End}&numberOfSamples=5");
            var errors = OpenApiDocs.Validate(wSchema, body.GetRawText());
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
            var returned = body.GetProperty("measurements").EnumerateArray().Select(m => m.GetProperty("type").GetString()).ToList();
            if (body.TryGetProperty("histogram", out var hist) && hist.ValueKind == JsonValueKind.Array)
            {
                returned.AddRange(hist.EnumerateArray().Select(m => m.GetProperty("type").GetString()));
            }

            Assert.Equal(chunk.OrderBy(x => x), returned.OrderBy(x => x));
            Assert.All(body.GetProperty("measurements").EnumerateArray(), m => Assert.Equal(5, m.GetProperty("values").GetArrayLength()));
        }

        foreach (var chunk in pTypes.Chunk(10))
        {
            var body = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{w.Id}/pods/{pod}/metrics?metricType={string.Join(",", chunk)}&start={Start}&end={End}");
            var errors = OpenApiDocs.Validate(pSchema, body.GetRawText());
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        }

        var tSchema = OpenApiDocs.Schema("workloads.json", ops["get_workloads_telemetry"].ResponseSchemaJson["200"]);
        foreach (var t in tTypes)
        {
            foreach (var g in new[] { string.Empty, "&groupBy=Type", "&groupBy=CurrentNodepools,DepartmentId", "&groupBy=ProjectId,Category&filterByPhases=Running,Pending" })
            {
                var body = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/telemetry?telemetryType={t}{g}");
                var errors = OpenApiDocs.Validate(tSchema, body.GetRawText());
                Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
                Assert.True(body.GetProperty("values").GetArrayLength() > 0);
            }
        }
    }

    [Fact]
    public async Task Error_bodies_validate_against_the_Error_schema()
    {
        var id = Data.WorkloadIds[0];
        var cases = new (string Url, int Status, bool Auth)[]
        {
            ("api/v1/workloads?limit=0", 400, true),
            ("api/v1/workloads?filterBy=bogus==1", 400, true),
            ("api/v1/workloads/not-a-uuid", 400, true),
            ($"api/v1/workloads/{id}/metrics?metricType=NOPE&start={Start}&end={End}", 400, true),
            ("api/v1/workloads/telemetry", 400, true),
            ($"api/v1/workloads/{Guid.NewGuid()}", 404, true),
            ($"api/v1/workloads/inferences/revisions/{Guid.NewGuid()}", 404, true),
            ("api/v1/workloads", 401, false),
            ($"api/v1/workloads/{id}/events", 401, false),
        };
        using var anonymous = new System.Net.Http.HttpClient { BaseAddress = sim.Host.BaseUri };
        foreach (var (url, status, auth) in cases)
        {
            var (s, body, _) = await Http.GetAsync(auth ? sim.Client : anonymous, url);
            Assert.True(s == status, $"{url}: {s} {body}");
            Http.AssertRunAiError(body, status);
        }

        // The deprecated cluster pods route uses Error1 for 404.
        var (s404, b404, _) = await Http.GetAsync(sim.Client, $"v1/k8s/clusters/{Guid.NewGuid()}/pods");
        Assert.Equal(404, s404);
        Assert.Empty(OpenApiDocs.Validate(OpenApiDocs.ComponentSchema("pods.json", "Error1"), b404));
    }

    [Fact]
    public async Task Validator_rejects_missing_required_wrong_type_and_bad_enum()
    {
        var schema = OpenApiDocs.ComponentSchema("workloads.json", "WorkloadDetailed");
        var body = (await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{Data.WorkloadIds[3]}")).GetRawText();
        Assert.Empty(OpenApiDocs.Validate(schema, body));

        JsonObject Mutate(Action<JsonObject> change)
        {
            var o = JsonNode.Parse(body)!.AsObject();
            change(o);
            return o;
        }

        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o.Remove("phase")).ToJsonString()));
        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o.Remove("deletedAt")).ToJsonString()));
        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o["phase"] = "Exploded").ToJsonString()));
        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o["runningPods"] = "three").ToJsonString()));
        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o["source"] = "Nowhere").ToJsonString()));
        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o["id"] = "not-a-uuid").ToJsonString()));
        Assert.NotEmpty(OpenApiDocs.Validate(schema, Mutate(o => o["name"] = null).ToJsonString()));
        // nullable fields accept null
        Assert.Empty(OpenApiDocs.Validate(schema, Mutate(o => o["priority"] = null).ToJsonString()));

        var error = OpenApiDocs.ComponentSchema("workloads.json", "Error");
        Assert.NotEmpty(OpenApiDocs.Validate(error, "{\"message\":\"x\"}"));
        Assert.NotEmpty(OpenApiDocs.Validate(error, "{\"code\":\"400\",\"message\":\"x\"}"));
        Assert.NotEmpty(OpenApiDocs.Validate(error, "{\"code\":700,\"message\":\"x\"}"));
    }

    // ------------------------------------------------------------------ cluster monitor (hand-written from cluster-monitor-event.md)

    private const string MonitorEventSchema = """
    {
      "type": "object",
      "required": ["id", "recorded_at", "all_healthy", "api_status", "compiler_status", "runner_status"],
      "additionalProperties": false,
      "properties": {
        "id": { "type": "string", "format": "uuid" },
        "recorded_at": { "type": "string", "format": "date-time" },
        "all_healthy": { "type": "boolean" },
        "api_status": { "type": "string" },
        "compiler_status": { "type": "string" },
        "runner_status": { "type": "string" },
        "api_self_info": { "type": "string" },
        "api_resources_info": { "type": "string" },
        "compiler_self_info": { "type": "string" },
        "compiler_resources_info": { "type": "string" },
        "runner_self_info": { "type": "string" },
        "runner_resources_info": { "type": "string" }
      }
    }
    """;

    private const string MonitorErrorSchema = """
    {
      "type": "object",
      "required": ["message", "error_code", "details"],
      "properties": {
        "message": { "type": "string" },
        "error_code": { "type": "string" },
        "details": { "type": "object" }
      }
    }
    """;

    [Fact]
    public async Task Cluster_monitor_events_follow_the_markdown_contract()
    {
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(MonitorEventSchema);
        var errorSchema = await NJsonSchema.JsonSchema.FromJsonAsync(MonitorErrorSchema);
        var list = await Http.GetJsonAsync(sim.Client, "v0/cluster/events");
        Assert.Equal(1000, list.GetArrayLength());
        var times = list.EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetProperty("recorded_at").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        foreach (var e in list.EnumerateArray().Take(50))
        {
            Assert.Empty(schema.Validate(e.GetRawText()));
        }

        var latest = await Http.GetJsonAsync(sim.Client, "v0/cluster/events/latest");
        Assert.Empty(schema.Validate(latest.GetRawText()));
        Assert.Equal(list[0].GetProperty("id").GetString(), latest.GetProperty("id").GetString());
        var byId = await Http.GetJsonAsync(sim.Client, "v0/cluster/events/" + list[17].GetProperty("id").GetString());
        Assert.Equal(list[17].GetRawText(), byId.GetRawText());
        Assert.Equal(Data.ClusterEventIds[17].ToString(), byId.GetProperty("id").GetString());

        var selected = await Http.GetJsonAsync(sim.Client, "v0/cluster/events/latest?selector=all_healthy,api_status");
        Assert.Equal(new[] { "all_healthy", "api_status" }, selected.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());

        foreach (var (url, status) in new[] { ($"v0/cluster/events/{Guid.NewGuid()}", 404), ("v0/cluster/events/latest?selector=id,bogus", 400), ("v0/cluster/events/not-a-uuid", 400) })
        {
            var (s, body, _) = await Http.GetAsync(sim.Client, url);
            Assert.True(s == status, url + " " + s + " " + body);
            Assert.Empty(errorSchema.Validate(body));
        }
    }
}
