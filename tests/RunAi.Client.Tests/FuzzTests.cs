using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Http;
using RunAi.Client.Json;
using RunAi.Client.Paging;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// Robust parsing: thousands of mutated and random bodies (fixed seed) through the client, the pager and every
/// serializable type. Each ends in a valid object or a clean <see cref="RunAiApiException"/>, never a crash or a hang.
/// </summary>
public sealed class FuzzTests : IClassFixture<ClientFixture>
{
    private const int Seed = 20260115;
    private readonly ClientFixture _f;

    public FuzzTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    private sealed record Operation(string Name, string SamplePath, string? EmptyPage, Func<RunAiClient, CancellationToken, Task<object?>> Call);

    [Fact]
    public async Task Three_thousand_mutated_answers_through_the_client_and_pager_end_in_objects_or_invalid_response()
    {
        var workload = _f.Simulator.Data.WorkloadIds.First(id => _f.Simulator.Data.GetEventCount(id) > 3);
        var operations = new List<Operation>
        {
            new("list workloads", "api/v1/workloads?limit=5", "{\"workloads\":[]}", async (c, t) => await ClientFixture.ToListAsync(c.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 5, First = 12 }, cancellationToken: t), t)),
            new("get workload", $"api/v1/workloads/{workload}", null, async (c, t) => await c.GetWorkloadAsync(workload, t)),
            new("count workloads", "api/v1/workloads/count", null, async (c, t) => await c.CountWorkloadsAsync(null, t)),
            new("list events", $"api/v1/workloads/{workload}/events?limit=5", "{\"events\":[]}", async (c, t) => await ClientFixture.ToListAsync(c.ListWorkloadEventsAsync(workload, paging: new PagingOptions { PageSize = 5, First = 12 }, cancellationToken: t), t)),
            new("list history", $"api/v1/workloads/{workload}/history?limit=5", "{\"records\":[]}", async (c, t) => await ClientFixture.ToListAsync(c.ListWorkloadHistoryAsync(workload, new PagingOptions { PageSize = 5, First = 12 }, t), t)),
        };

        using var http = new HttpClient { BaseAddress = _f.Simulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _f.Simulator.Options.StaticToken);
        var samples = new Dictionary<string, string>();
        foreach (var op in operations)
        {
            samples[op.Name] = await http.GetStringAsync(new Uri(op.SamplePath, UriKind.Relative));
        }

        var random = new Random(Seed);
        var failures = new Dictionary<string, string>();
        var outcomes = new Dictionary<string, int>();
        string current = string.Empty;
        Operation? target = null;
        _f.Simulator.Options.Override = r =>
        {
            var op = target!;
            var first = !r.Query.TryGetValue("offset", out var offset) || offset.Single() == "0";
            return first || op.EmptyPage is null ? new SimulatedResponse(200, current) : new SimulatedResponse(200, op.EmptyPage);
        };
        using var client = _f.TokenClient(o => o.MaxRetries = 0);
        var clock = Stopwatch.StartNew();
        const int cases = 3000;
        for (var i = 0; i < cases; i++)
        {
            target = operations[i % operations.Count];
            current = JsonFuzz.Mutate(samples[target.Name], random);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var outcome = await Outcome(() => target.Call(client, limit.Token));
            outcomes[outcome.Kind] = outcomes.GetValueOrDefault(outcome.Kind) + 1;
            if (outcome.Problem != null)
            {
                failures.TryAdd(Signature(outcome.Problem), $"case {i} ({target.Name}): {outcome.Problem}\n  body: {Shorten(current)}");
            }
        }

        clock.Stop();
        Assert.True(failures.Count == 0, failures.Count + " kinds of failure:\n" + string.Join("\n", failures.Values));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"{cases} cases took {clock.Elapsed}");
        Assert.True(outcomes.GetValueOrDefault("ok") > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(RunAiFailureKind.InvalidResponse)) > 100, string.Join(", ", outcomes));
    }

    [Fact]
    public async Task Every_serializable_type_survives_mutated_and_random_bodies()
    {
        var pool = await RealBodiesAsync();
        var typeInfos = typeof(RunAiJsonContext).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(JsonTypeInfo).IsAssignableFrom(p.PropertyType) && p.PropertyType.IsGenericType)
            .Select(p => (JsonTypeInfo)p.GetValue(RunAiJsonContext.Default)!)
            .ToList();
        Assert.True(typeInfos.Count >= 10, $"only {typeInfos.Count} types");

        var random = new Random(Seed);
        var failures = new Dictionary<string, string>();
        var clock = Stopwatch.StartNew();
        foreach (var info in typeInfos)
        {
            var read = typeof(FuzzTests).GetMethod(nameof(ReadAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(info.Type);
            for (var i = 0; i < 250; i++)
            {
                var seed = pool[random.Next(pool.Count)];
                var body = random.Next(10) == 0 ? JsonFuzz.RandomJson(random, 0) : JsonFuzz.Mutate(seed, random);
                var outcome = await Outcome(() => (Task<object?>)read.Invoke(null, new object[] { info, body })!);
                if (outcome.Problem != null)
                {
                    failures.TryAdd(info.Type.Name + " " + Signature(outcome.Problem), $"{info.Type.Name}: {outcome.Problem}\n  body: {Shorten(body)}");
                }
            }
        }

        clock.Stop();
        Assert.True(failures.Count == 0, failures.Count + " kinds of failure:\n" + string.Join("\n", failures.Values));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    private static async Task<object?> ReadAsync<T>(JsonTypeInfo<T> info, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/api/v1/fuzz?limit=1"));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
        return await ApiResponseReader.ReadAsync(response, request, info, new ReadLimits(64L * 1024 * 1024, TimeSpan.FromSeconds(10)), CancellationToken.None);
    }

    private async Task<List<string>> RealBodiesAsync()
    {
        var data = _f.Simulator.Data;
        var workload = data.WorkloadIds.First(id => data.GetEventCount(id) > 3);
        var now = DateTimeOffset.UtcNow;
        var window = "start=" + Uri.EscapeDataString(now.AddHours(-1).ToString("o", CultureInfo.InvariantCulture)) + "&end=" + Uri.EscapeDataString(now.ToString("o", CultureInfo.InvariantCulture));
        var paths = new[]
        {
            "api/v1/workloads?limit=3", $"api/v1/workloads/{workload}", "api/v1/workloads/count", $"api/v1/workloads/{workload}/events?limit=3",
            $"api/v1/workloads/{workload}/history?limit=3", $"api/v1/workloads/{workload}/endpoints", $"api/v1/workloads/{workload}/elements?limit=3",
            $"api/v1/workloads/{workload}/elements/count", $"api/v1/workloads/{workload}/metrics?metricType=GPU_UTILIZATION&metricType=NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES&numberOfSamples=3&{window}",
            "api/v1/workloads/telemetry?telemetryType=GPU_ALLOCATION&groupBy=ClusterId&groupBy=Type", "api/v1/workloads/pods?limit=3&verbosity=full", "api/v1/workloads/pods/count",
            $"api/v1/workloads/{workload}/pods?limit=3",
        };
        using var http = new HttpClient { BaseAddress = _f.Simulator.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _f.Simulator.Options.StaticToken);
        var bodies = new List<string> { "{\"accessToken\":\"sim_x\",\"expiresIn\":3600}", "{\"code\":404,\"message\":\"m\",\"details\":\"d\"}", "{}", "[]" };
        foreach (var path in paths)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                bodies.Add(await response.Content.ReadAsStringAsync());
            }
        }

        var inference = Enumerable.Range(0, data.WorkloadCount).Select(data.GetWorkloadId).Skip(0).ToList();
        foreach (var id in inference.Take(60))
        {
            using var response = await http.GetAsync(new Uri($"api/v1/workloads/inferences/{id}/revisions", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                bodies.Add(await response.Content.ReadAsStringAsync());
                break;
            }
        }

        return bodies;
    }

    private readonly record struct Result(string Kind, string? Problem);

    private static async Task<Result> Outcome(Func<Task<object?>> call)
    {
        object? value;
        try
        {
            var task = call();
            var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(15))); // a guard against a hang, not a measure of speed
            if (finished != task)
            {
                return new Result("hang", "no answer within 15 s");
            }

            value = await task;
        }
        catch (RunAiApiException ex) when (ex.Kind == RunAiFailureKind.InvalidResponse || ex.Kind == RunAiFailureKind.PagingFault)
        {
            return string.IsNullOrWhiteSpace(ex.Message)
                ? new Result(ex.Kind.ToString(), "no message")
                : new Result(ex.Kind.ToString(), null);
        }
        catch (Exception ex)
        {
            return new Result(ex.GetType().Name, ex.ToString());
        }

        try
        {
            ObjectWalker.Touch(value, 6);
        }
        catch (Exception ex)
        {
            return new Result("getter", "a property of the parsed object throws: " + ex);
        }

        return new Result("ok", null);
    }

    private static string Signature(string problem) => problem.Split('\n')[0].Trim();

    private static string Shorten(string body) => body.Length > 300 ? body.Substring(0, 300) + "…(" + body.Length + " chars)" : body;
}

/// <summary>Reads every public property (and ToString) of an object graph, as PowerShell's formatting would.</summary>
internal static class ObjectWalker
{
    public static void Touch(object? value, int depth)
    {
        if (value is null || depth < 0)
        {
            return;
        }

        var type = value.GetType();
        try
        {
            _ = value.ToString();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{type.Name}.ToString throws {ex.GetType().Name}: {ex.Message}", ex);
        }

        if (type.IsPrimitive || value is string || value is Guid || value is DateTimeOffset || value is DateTime || value is decimal || type.IsEnum)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var n = 0;
            foreach (var item in items)
            {
                Touch(item, depth - 1);
                if (++n > 20)
                {
                    break;
                }
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead)
            {
                object? inner;
                try
                {
                    inner = property.GetValue(value);
                }
                catch (TargetInvocationException ex)
                {
                    throw new InvalidOperationException($"{type.Name}.{property.Name} throws {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}", ex.InnerException);
                }

                Touch(inner, depth - 1);
            }
        }
    }
}

/// <summary>Mutations of real answers: truncations, byte flips, type swaps, deep nesting, huge numbers, nulls, wrong shapes.</summary>
internal static class JsonFuzz
{
    private static readonly string[] HugeNumbers =
    {
        "1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809", "9223372036854775808", "1.7976931348623157e309",
        "-0", "0.0000000000000000000000000001", "4294967296", "2147483648", "-2147483649", "1e-400", "123456789012345678901234567890.5",
    };

    private static readonly string[] Scalars =
    {
        "null", "true", "false", "0", "-1", "\"\"", "\"x\"", "\"2026-13-45T99:99:99Z\"", "\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"",
        "{}", "[]", "[null]", "{\"a\":null}", "\"\\ud800\"", "\"NaN\"", "\"Infinity\"", "\"1e400\"", "1.5", "\"1.5\"", "\"-1\"",
    };

    private const string Noise = "{}[]\":,0123456789-+.eEtrufalsn \\/\u00e9\u0000\ud7ff";

    public static string Mutate(string body, Random random)
    {
        var rounds = random.Next(8) == 0 ? random.Next(2, 4) : 1;
        for (var i = 0; i < rounds; i++)
        {
            try
            {
                body = MutateOnce(body, random);
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is ArgumentException)
            {
                // The body is already too broken for a structural mutation (a lone surrogate, a duplicate key): cut it instead.
                body = body.Substring(0, random.Next(body.Length + 1));
            }
        }

        return body;
    }

    public static string RandomJson(Random random, int depth)
    {
        switch (depth > 4 ? random.Next(4) : random.Next(7))
        {
            case 0: return Scalars[random.Next(Scalars.Length)];
            case 1: return HugeNumbers[random.Next(HugeNumbers.Length)];
            case 2: return random.Next(1000).ToString(CultureInfo.InvariantCulture);
            case 3: return JsonSerializer.Serialize(new string((char)random.Next(32, 127), random.Next(5)));
            case 4:
            case 5:
                var names = new[] { "workloads", "next", "id", "name", "count", "events", "records", "meta", "spec", "values", "type", "createdAt", "phase" };
                var members = Enumerable.Range(0, random.Next(5)).Select(_ => "\"" + names[random.Next(names.Length)] + "\":" + RandomJson(random, depth + 1));
                return "{" + string.Join(",", members) + "}";
            default:
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]";
        }
    }

    private static string MutateOnce(string body, Random random)
    {
        switch (random.Next(12))
        {
            case 0:
                return body.Substring(0, random.Next(body.Length + 1));
            case 1:
            {
                var chars = body.ToCharArray();
                for (var n = random.Next(1, 4); n > 0 && chars.Length > 0; n--)
                {
                    chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
                }

                return new string(chars);
            }

            case 2:
                return body.Insert(random.Next(body.Length + 1), Noise[random.Next(Noise.Length)].ToString());
            case 3:
                return ReplaceNodeText(body, random, () => Scalars[random.Next(Scalars.Length)]);
            case 4:
                return ReplaceNode(body, random, _ => null);
            case 5:
                return ReplaceNodeText(body, random, () => HugeNumbers[random.Next(HugeNumbers.Length)]);
            case 6:
            {
                var levels = random.Next(2) == 0 ? random.Next(60, 70) : random.Next(200, 3000);
                var open = random.Next(2) == 0;
                return ReplaceNodeText(body, random, () => open ? new string('[', levels) + "1" + new string(']', levels) : string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels));
            }

            case 7:
            {
                var shapes = new[] { "[" + body + "]", "\"" + body.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", "42", "true", "null", "{}", "[]", " ", body + body, body + "}" };
                return shapes[random.Next(shapes.Length)];
            }

            case 8:
                return RemoveProperty(body, random);
            case 9:
                return ReplaceNode(body, random, node => node switch
                {
                    JsonArray array when array.Count > 0 => JsonNode.Parse(array[0]?.ToJsonString() ?? "null"),
                    JsonObject obj => JsonNode.Parse("[" + obj.ToJsonString() + "]"),
                    JsonValue value => JsonNode.Parse("{\"value\":" + value.ToJsonString() + "}"),
                    _ => JsonNode.Parse("[]"),
                });
            case 10:
                return ReplaceNodeText(body, random, () => RandomJson(random, 2));
            default:
                var bytes = new char[random.Next(1, 64)];
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = Noise[random.Next(Noise.Length)];
                }

                return new string(bytes);
        }
    }

    private static List<(JsonNode? Parent, object Key, JsonNode? Node)> Nodes(JsonNode root)
    {
        var all = new List<(JsonNode?, object, JsonNode?)>();
        void Visit(JsonNode? parent, object key, JsonNode? node)
        {
            all.Add((parent, key, node));
            switch (node)
            {
                case JsonObject obj:
                    foreach (var pair in obj.ToList())
                    {
                        Visit(obj, pair.Key, pair.Value);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Visit(array, i, array[i]);
                    }

                    break;
            }
        }

        Visit(null, string.Empty, root);
        return all;
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ReplaceNode(string body, Random random, Func<JsonNode?, JsonNode?> replacement)
    {
        var root = TryParse(body);
        if (root is null)
        {
            return body;
        }

        var nodes = Nodes(root);
        var (parent, key, node) = nodes[random.Next(nodes.Count)];
        var fresh = replacement(node);
        switch (parent)
        {
            case null:
                return fresh?.ToJsonString() ?? "null";
            case JsonObject obj:
                obj[(string)key] = fresh;
                break;
            case JsonArray array:
                array[(int)key] = fresh;
                break;
        }

        return root.ToJsonString();
    }

    private static string ReplaceNodeText(string body, Random random, Func<string> text)
    {
        const string marker = "\"__fuzz_marker__\"";
        var marked = ReplaceNode(body, random, _ => JsonValue.Create("__fuzz_marker__"));
        var index = marked.IndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? body : marked.Substring(0, index) + text() + marked.Substring(index + marker.Length);
    }

    private static string RemoveProperty(string body, Random random)
    {
        var root = TryParse(body);
        if (root is null)
        {
            return body;
        }

        var properties = Nodes(root).Where(n => n.Parent is JsonObject).ToList();
        if (properties.Count == 0)
        {
            return body;
        }

        var (parent, key, _) = properties[random.Next(properties.Count)];
        ((JsonObject)parent!).Remove((string)key);
        return root.ToJsonString();
    }
}
