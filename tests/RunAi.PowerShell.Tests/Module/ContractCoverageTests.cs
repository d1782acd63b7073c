using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using RunAi.Tests;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Walks every operation of contract/openapi/*.json and fails when a path or query parameter is not sent by any
/// cmdlet: the cmdlets run with all their parameters against the simulator, which records what arrived.
/// </summary>
[Collection("engine")]
public sealed class ContractCoverageTests : EngineTests<SmallSimulatorFixture>
{
    // Every cmdlet with every parameter that reaches the API; the simulator records what each one sent.
    private const string DriveEveryCmdlet = """
        $ErrorActionPreference = 'Continue'
        Get-RunAiWorkload -Filter 'allocatedGPU>=0' -Search 'a' -SortBy createdAt -Descending -IncludeTotalCount -First 2
        Get-RunAiWorkload -Deleted -First 1 -IncludeTotalCount
        Get-RunAiWorkload -Id $wid
        Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ClusterId,Type -ClusterId $cluster -NodePool 'default' -DepartmentId '1' -Phase Running,Pending
        Get-RunAiWorkloadMetric -WorkloadId $wid -MetricType GPU_UTILIZATION -Start ([datetimeoffset]::Now).AddHours(-2) -End ([datetimeoffset]::Now) -Samples 3
        Get-RunAiWorkloadEndpoint -WorkloadId $wid
        Get-RunAiWorkloadElement -WorkloadId $heavy -First 3 -IncludeTotalCount
        Get-RunAiWorkloadElementCount -WorkloadId $heavy
        Get-RunAiWorkloadEvent -WorkloadId $wid -Ascending -First 1
        Get-RunAiWorkloadHistory -WorkloadId $wid -First 1
        Get-RunAiWorkloadEvent -RevisionId $rev -Ascending -First 1
        Get-RunAiWorkloadHistory -RevisionId $rev -First 1
        Get-RunAiInferenceRevision -WorkloadId $inf -Deleted
        Get-RunAiInferenceRevision -RevisionId $rev
        Get-RunAiInferenceRevisionCount -WorkloadId $inf -Deleted
        Get-RunAiPod -Filter "workloadId==$wid" -SortBy createdAt -Descending -Completed -Verbosity Full -Deleted -Search 'a' -First 1 -IncludeTotalCount
        Get-RunAiPod -WorkloadId $wid -Deleted -Search 'a' -First 1
        Get-RunAiPod -RevisionId $rev -Deleted
        Get-RunAiPod -ClusterId $cluster -WarningAction SilentlyContinue
        Get-RunAiPodCount -Filter "workloadId==$wid" -Search 'a' -Deleted
        Get-RunAiPodMetric -WorkloadId $wid -PodId $pod -MetricType GPU_UTILIZATION -Start ([datetimeoffset]::Now).AddHours(-2) -End ([datetimeoffset]::Now) -Samples 3
        """;


    public ContractCoverageTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Every_path_and_query_parameter_of_the_contract_is_sent_by_some_cmdlet()
    {
        var operations = ReadOperations();
        Assert.True(operations.Count >= 21, $"expected the 21 documented operations in {OpenApiFolder.FullPath}, found {operations.Count}");

        using var ps = Sim.ConnectedWithEmptyLog();
        var run = ps.Run(DriveEveryCmdlet, Sim.Ids());
        Assert.Empty(run.Errors.Select(e => e.ToString()));

        // What the simulator accepted (a 2xx), by the operation's path template.
        var sent = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var request in Sim.ApiRequests().Where(r => r.StatusCode is >= 200 and < 300))
        {
            var operation = Match(operations, request.Method, request.Path);
            if (operation is null)
            {
                continue;
            }

            if (!sent.TryGetValue(operation.Key, out var names))
            {
                sent[operation.Key] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.UnionWith(request.Query.Keys);
        }

        var missing = new List<string>();
        foreach (var operation in operations)
        {
            if (!sent.TryGetValue(operation.Key, out var names))
            {
                missing.Add($"{operation.Key} ({operation.Id}): no cmdlet calls it (path parameters: {string.Join(", ", operation.PathParameters)})");
                continue;
            }

            missing.AddRange(operation.QueryParameters.Where(q => !names.Contains(q)).Select(q => $"{operation.Key} ({operation.Id}): query parameter '{q}' is never sent"));
        }

        Assert.True(missing.Count == 0, "Not reachable from any cmdlet:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_contract_walk_notices_an_operation_no_cmdlet_calls()
    {
        // Guards the guard: with only the workload list driven, the walk must report the rest as unreachable.
        var operations = ReadOperations();
        var listOnly = operations.Where(o => Match(operations, "GET", "/api/v1/workloads") == o).ToList();
        Assert.Single(listOnly);
        Assert.Equal("GET /api/v1/workloads/count", Match(operations, "GET", "/api/v1/workloads/count")?.Key);
        Assert.Equal("GET /api/v1/workloads/{workloadId}", Match(operations, "GET", $"/api/v1/workloads/{Guid.NewGuid()}")?.Key);
        Assert.Equal("GET /api/v1/workloads/inferences/revisions/{revisionId}/pods", Match(operations, "GET", $"/api/v1/workloads/inferences/revisions/{Guid.NewGuid()}/pods")?.Key);
        Assert.Contains("sortBy", operations.Single(o => o.Key == "GET /api/v1/workloads/pods").QueryParameters);
    }

    private static Operation? Match(IReadOnlyList<Operation> operations, string method, string path) =>
        operations.Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && o.Pattern.IsMatch(path))
            .OrderBy(o => o.PathParameters.Count)
            .FirstOrDefault();

    private static List<Operation> ReadOperations()
    {
        Assert.True(Directory.Exists(OpenApiFolder.FullPath), "The OpenAPI documents are expected at " + OpenApiFolder.FullPath);
        var result = new List<Operation>();
        foreach (var file in Directory.GetFiles(OpenApiFolder.FullPath, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            foreach (var path in root.GetProperty("paths").EnumerateObject())
            {
                var shared = path.Value.TryGetProperty("parameters", out var common) ? common.EnumerateArray().ToList() : new List<JsonElement>();
                foreach (var method in path.Value.EnumerateObject().Where(m => m.Name != "parameters" && m.Value.ValueKind == JsonValueKind.Object))
                {
                    var parameters = shared.Concat(method.Value.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : Enumerable.Empty<JsonElement>())
                        .Select(p => Resolve(root, p)).ToList();
                    var pathParameters = Regex.Matches(path.Name, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
                    var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path.Name).Replace("\\{", "{", StringComparison.Ordinal), "{[^}]+}", "[^/]+") + "$");
                    result.Add(new Operation(
                        method.Name.ToUpperInvariant(),
                        path.Name,
                        method.Value.TryGetProperty("operationId", out var id) ? id.GetString() ?? string.Empty : string.Empty,
                        pattern,
                        pathParameters,
                        parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList()));
                }
            }
        }

        return result;
    }

    private static JsonElement Resolve(JsonElement root, JsonElement parameter)
    {
        if (!parameter.TryGetProperty("$ref", out var reference))
        {
            return parameter;
        }

        var node = root;
        foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
        {
            node = node.GetProperty(part);
        }

        return node;
    }

    private sealed record Operation(string Method, string Template, string Id, Regex Pattern, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters)
    {
        public string Key => Method + " " + Template;
    }
}
