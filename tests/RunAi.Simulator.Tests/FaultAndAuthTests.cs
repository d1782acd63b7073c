using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace RunAi.Simulator.Tests;

public sealed class FaultAndAuthTests
{
    private static StringContent TokenBody(string grant, string id, string secret)
        => new(JsonSerializer.Serialize(new { grantType = grant, clientId = id, clientSecret = secret }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Token_endpoint_issues_tokens_and_rejects_bad_requests()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50 });
        using var client = new HttpClient { BaseAddress = host.BaseUri };
        var ok = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "sim-secret"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("accessToken").GetString()!;
        Assert.Equal(3600, doc.RootElement.GetProperty("expiresIn").GetInt32());
        var ok2 = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "sim-secret"));
        using var doc2 = JsonDocument.Parse(await ok2.Content.ReadAsStringAsync());
        Assert.NotEqual(token, doc2.RootElement.GetProperty("accessToken").GetString());

        var wrong = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Http.AssertRunAiError(await wrong.Content.ReadAsStringAsync(), 401);
        foreach (var bad in new[] { "{", "[]", "{\"grantType\":\"client_credentials\",\"clientId\":\"sim-client\"}", "{\"grantType\":\"password\",\"clientId\":\"sim-client\",\"clientSecret\":\"sim-secret\"}", string.Empty })
        {
            var r = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), new StringContent(bad, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Http.AssertRunAiError(await r.Content.ReadAsStringAsync(), 400);
        }

        using var authed = Http.For(host, token);
        Assert.Equal(200, (await Http.GetAsync(authed, "api/v1/workloads/count")).Status);
        using var bogus = Http.For(host, "bogus");
        var (s, b, resp) = await Http.GetAsync(bogus, "api/v1/workloads/count");
        Assert.Equal(401, s);
        Http.AssertRunAiError(b, 401);
        Assert.Equal("Bearer", resp.Headers.WwwAuthenticate.First().Scheme);
    }

    [Theory]
    [InlineData(null, "missing Authorization header")]
    [InlineData("Basic abc", "Authorization header must use the Bearer scheme")]
    [InlineData("Bearer bogus", "invalid token")]
    public async Task Refused_authorization_says_why_in_the_error_shape_of_the_service_asked(string? header, string reason)
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 5 });
        using var client = new HttpClient { BaseAddress = host.BaseUri };
        if (header is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        }

        var (status, body, response) = await Http.GetAsync(client, "api/v1/workloads/count");
        Assert.Equal(401, status);
        Http.AssertRunAiError(body, 401);
        Assert.Equal(reason, JsonDocument.Parse(body).RootElement.GetProperty("details").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);

        var (monitorStatus, monitorBody, _) = await Http.GetAsync(client, "v0/cluster/events?limit=1");
        Assert.Equal(401, monitorStatus);
        using var monitor = JsonDocument.Parse(monitorBody);
        Assert.Equal("unauthorized", monitor.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(reason, monitor.RootElement.GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Issued_tokens_expire()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50, TokenLifetimeSeconds = 1 });
        using var client = new HttpClient { BaseAddress = host.BaseUri };
        var ok = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "sim-secret"));
        using var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal(1, doc.RootElement.GetProperty("expiresIn").GetInt32());
        using var authed = Http.For(host, doc.RootElement.GetProperty("accessToken").GetString());
        Assert.Equal(200, (await Http.GetAsync(authed, "api/v1/workloads/count")).Status);
        await Task.Delay(1100); // the simulator's own 1 s token must really expire: its clock is the wall clock
        var (s, b, _) = await Http.GetAsync(authed, "api/v1/workloads/count");
        Assert.Equal(401, s);
        Http.AssertRunAiError(b, 401);
        Assert.Contains("token expired", b, StringComparison.Ordinal);

        // ExpireAllTokens avoids waiting
        host.Options.TokenLifetimeSeconds = 3600;
        var again = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "sim-secret"));
        using var doc2 = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        using var authed2 = Http.For(host, doc2.RootElement.GetProperty("accessToken").GetString());
        Assert.Equal(200, (await Http.GetAsync(authed2, "api/v1/workloads/count")).Status);
        host.ExpireAllTokens();
        Assert.Equal(401, (await Http.GetAsync(authed2, "api/v1/workloads/count")).Status);
        // the static token still works
        using var stat = Http.For(host);
        Assert.Equal(200, (await Http.GetAsync(stat, "api/v1/workloads/count")).Status);
    }

    [Fact]
    public async Task Every_nth_knobs_answer_429_503_and_truncate()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50, TooManyRequestsEvery = 3, ServiceUnavailableEvery = 2, RetryAfterSeconds = 7 });
        using var client = Http.For(host);
        var statuses = new int[12];
        for (var k = 0; k < statuses.Length; k++)
        {
            var (s, b, resp) = await Http.GetAsync(client, "api/v1/workloads?limit=1");
            statuses[k] = s;
            if (s == 429)
            {
                Assert.Equal(TimeSpan.FromSeconds(7), resp.Headers.RetryAfter!.Delta);
                Http.AssertRunAiError(b, 429);
            }
            else if (s == 503)
            {
                Http.AssertRunAiError(b, 503);
            }
        }

        // n = 1..12: 429 at 3,6,9,12 (wins over 503 at 6,12), 503 at 2,4,8,10
        Assert.Equal(new[] { 200, 503, 429, 503, 200, 429, 200, 503, 429, 503, 200, 429 }, statuses);
        // the token endpoint does not count
        using var anon = new HttpClient { BaseAddress = host.BaseUri };
        host.ResetFaultCounter();
        host.Options.ServiceUnavailableEvery = 0;
        host.Options.TooManyRequestsEvery = 2;
        Assert.Equal(HttpStatusCode.OK, (await anon.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "sim-secret"))).StatusCode);
        Assert.Equal(200, (await Http.GetAsync(client, "api/v1/workloads?limit=1")).Status);
        Assert.Equal(429, (await Http.GetAsync(client, "api/v1/workloads?limit=1")).Status);

        host.Options.TooManyRequestsEvery = 0;
        host.Options.TruncateBodyEvery = 2;
        host.ResetFaultCounter();
        var (s1, full, _) = await Http.GetAsync(client, "api/v1/workloads?limit=5");
        var (s2, cut, _) = await Http.GetAsync(client, "api/v1/workloads?limit=5");
        Assert.Equal(200, s1);
        Assert.Equal(200, s2);
        Assert.Equal(full.Length / 2, cut.Length);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut));
    }

    [Fact]
    public async Task Reset_knobs_restores_every_knob_to_its_start_value_and_forgets_requests()
    {
        var start = new SimulatorOptions { WorkloadCount = 50, RetryAfterSeconds = 0, StaticToken = "start-token", Latency = TimeSpan.FromMilliseconds(1) };
        await using var host = await SimulatorHost.StartAsync(start);
        string[] dataSettings = [nameof(SimulatorOptions.WorkloadCount), nameof(SimulatorOptions.Seed), nameof(SimulatorOptions.ReferenceTime), nameof(SimulatorOptions.UseHttps), nameof(SimulatorOptions.ServerCertificate),
            nameof(SimulatorOptions.LiveWorkloadCount), nameof(SimulatorOptions.LivePendingTime), nameof(SimulatorOptions.LiveRunningTime), nameof(SimulatorOptions.LiveFailEvery), nameof(SimulatorOptions.Clock)];
        var knobs = typeof(SimulatorOptions).GetProperties().Where(p => p.CanWrite && !dataSettings.Contains(p.Name)).ToList();
        var before = knobs.ToDictionary(p => p.Name, p => p.GetValue(host.Options));
        foreach (var knob in knobs)
        {
            object changed = knob.PropertyType switch
            {
                var t when t == typeof(int) => (int)knob.GetValue(host.Options)! + 7,
                var t when t == typeof(bool) => !(bool)knob.GetValue(host.Options)!,
                var t when t == typeof(string) => "changed-" + knob.Name,
                var t when t == typeof(TimeSpan) => TimeSpan.FromMilliseconds(7),
                var t when t == typeof(Func<RecordedRequest, SimulatedResponse?>) => (Func<RecordedRequest, SimulatedResponse?>)(_ => new SimulatedResponse(418)),
                _ => throw new InvalidOperationException("a knob of a type this test does not know: " + knob.Name),
            };
            knob.SetValue(host.Options, changed);
            Assert.NotEqual(before[knob.Name], knob.GetValue(host.Options));
        }

        using var client = Http.For(host);
        Assert.Equal(418, (await Http.GetAsync(client, "api/v1/workloads/count")).Status);
        Assert.NotEmpty(host.Requests);

        host.ResetKnobs();

        foreach (var knob in knobs)
        {
            Assert.True(Equals(before[knob.Name], knob.GetValue(host.Options)), knob.Name + " was not reset");
        }

        Assert.Empty(host.Requests);
        Assert.Equal(0, host.ApiRequestCount);
        using var reset = Http.For(host);
        Assert.Equal("start-token", host.Options.StaticToken);
        Assert.Equal(200, (await Http.GetAsync(reset, "api/v1/workloads/count")).Status);
        Assert.Equal(1, host.ApiRequestCount);
    }

    [Fact]
    public async Task Override_scripts_any_response_and_requests_are_recorded()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50 });
        using var client = Http.For(host);
        host.Options.Override = r => r.Path.EndsWith("/count", StringComparison.Ordinal)
            ? new SimulatedResponse(502, "<html><body>Bad gateway</body></html>", "text/html") { Headers = new System.Collections.Generic.Dictionary<string, string> { ["X-Sim"] = "1" } }
            : r.Path == "/api/v1/token" ? new SimulatedResponse(500, "{\"oops\":true}") : null;
        var (s, b, resp) = await Http.GetAsync(client, "api/v1/workloads/count?filterBy=phase==Running,name=@a&filterBy=type==Training");
        Assert.Equal(502, s);
        Assert.StartsWith("<html>", b, StringComparison.Ordinal);
        Assert.Equal("text/html", resp.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1", resp.Headers.GetValues("X-Sim").Single());
        var tok = await client.PostAsync(new Uri("api/v1/token", UriKind.Relative), TokenBody("client_credentials", "sim-client", "sim-secret"));
        Assert.Equal(HttpStatusCode.InternalServerError, tok.StatusCode);
        Assert.Equal(200, (await Http.GetAsync(client, "api/v1/workloads?limit=1")).Status);

        var log = host.Requests;
        Assert.Equal(3, log.Count);
        Assert.Equal("/api/v1/workloads/count", log[0].Path);
        Assert.Equal(502, log[0].StatusCode);
        Assert.Equal(new[] { "phase==Running,name=@a", "type==Training" }, log[0].Query["filterBy"]);
        Assert.Equal("Bearer sim-static-token", log[0].Authorization);
        Assert.Equal("POST", log[1].Method);
        Assert.Contains("client_credentials", log[1].Body, StringComparison.Ordinal);
        Assert.Equal(500, log[1].StatusCode);
        Assert.Equal(200, log[2].StatusCode);
        Assert.Equal("?limit=1", log[2].QueryString);
        host.ClearRequests();
        Assert.Empty(host.Requests);

        // redirect to another host and a non-advancing next
        host.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(200, "{\"next\":0,\"workloads\":[]}")
            : new SimulatedResponse(302) { Headers = new System.Collections.Generic.Dictionary<string, string> { ["Location"] = "http://evil.example.invalid/steal" } };
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUri };
        var redirect = await noRedirect.GetAsync(new Uri("api/v1/workloads/count", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("evil.example.invalid", redirect.Headers.Location!.Host);
        var stuck = await Http.GetJsonAsync(client, "api/v1/workloads");
        Assert.Equal(0, stuck.GetProperty("next").GetInt32());
    }

    [Fact]
    public async Task Latency_is_added_and_a_cancelled_client_frees_the_server()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50, Latency = TimeSpan.FromMilliseconds(300) });
        using var client = Http.For(host);
        var sw = Stopwatch.StartNew();
        Assert.Equal(200, (await Http.GetAsync(client, "api/v1/workloads/count")).Status);
        Assert.True(sw.ElapsedMilliseconds >= 280, sw.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        host.Options.Latency = TimeSpan.FromMinutes(5);
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new Uri("api/v1/workloads/count", UriKind.Relative), cts.Token));
        }

        // the server notices the abort and records it promptly
        var deadline = Stopwatch.StartNew();
        while (host.Requests.Count < 2 && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20); // polls, bounded by the loop's deadline
        }

        Assert.Equal(2, host.Requests.Count);
        Assert.Equal(499, host.Requests[1].StatusCode);

        host.Options.Latency = TimeSpan.Zero;
        host.Options.Override = _ => new SimulatedResponse(200, "{}") { Delay = TimeSpan.FromMinutes(5) };
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new Uri("api/v1/workloads/count", UriKind.Relative), cts.Token));
        }

        sw.Restart();
        await host.DisposeAsync();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Https_uses_an_untrusted_self_signed_certificate()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 20, UseHttps = true });
        Assert.Equal("https", host.BaseUri.Scheme);
        Assert.Equal("127.0.0.1", host.BaseUri.Host);
        using (var strict = Http.For(host))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(new Uri("api/v1/workloads/count", UriKind.Relative)));
        }

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var lax = new HttpClient(handler) { BaseAddress = host.BaseUri };
        lax.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Options.StaticToken);
        var r = await lax.GetAsync(new Uri("api/v1/workloads/count", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Data_is_deterministic_and_a_large_set_pages_filtered_and_sorted_without_overlap()
    {
        // Speed is the benchmark's job (tests/RunAi.Benchmarks): on a shared 2-core machine a timed assertion only
        // measures the neighbours. This checks what the speed relies on: one data set, paged consistently.
        await using var a = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 100_000, Seed = 5 });
        await using var b = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 300, Seed = 5, ReferenceTime = a.Data.ReferenceTime });
        Assert.Equal(a.Data.WorkloadIds.Take(300), b.Data.WorkloadIds);
        using var ca = Http.For(a);
        using var cb = Http.For(b);
        var pa = await Http.GetAsync(ca, "api/v1/workloads?limit=20");
        var pb = await Http.GetAsync(cb, "api/v1/workloads?limit=20");
        Assert.Equal(pa.Body, pb.Body);

        for (var k = 0; k < 10; k++)
        {
            var (s, _, _) = await Http.GetAsync(ca, $"api/v1/workloads?limit=500&offset={k * 9000}");
            Assert.Equal(200, s);
        }

        // A filtered, sorted list is computed once and then paged from the cache: pages follow on without overlap.
        var names = new List<string>();
        for (var k = 0; k <= 10; k++)
        {
            var page = await Http.GetJsonAsync(ca, $"api/v1/workloads?limit=500&offset={k * 500}&filterBy=phase==Failed&sortBy=name");
            var workloads = page.GetProperty("workloads").EnumerateArray().ToList();
            Assert.Equal(500, workloads.Count);
            Assert.All(workloads, w => Assert.Equal("Failed", w.GetProperty("phase").GetString()));
            names.AddRange(workloads.Select(w => w.GetProperty("name").GetString()!));
        }

        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Partial_metrics_answer_207_with_some_types_missing()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50, PartialMetrics = true });
        using var client = Http.For(host);
        var w = host.Data.Workloads.First(x => x.PodCount > 0);
        const string q = "start=2025-01-01T00:00:00Z&end=2025-01-01T01:00:00Z";
        var (s, b, _) = await Http.GetAsync(client, $"api/v1/workloads/{w.Id}/metrics?metricType=GPU_UTILIZATION,CPU_USAGE_CORES,POD_COUNT&{q}");
        Assert.Equal(207, s);
        var ops = OpenApiDocs.Operations().ToDictionary(o => o.OperationId);
        Assert.Empty(OpenApiDocs.Validate(OpenApiDocs.Schema("workloads.json", ops["get_workload_metrics"].ResponseSchemaJson["207"]), b));
        using var doc = JsonDocument.Parse(b);
        Assert.InRange(doc.RootElement.GetProperty("measurements").GetArrayLength(), 1, 2);
        var pod = host.Data.GetPodIds(w.Id)[0];
        var (ps, pb, _) = await Http.GetAsync(client, $"api/v1/workloads/{w.Id}/pods/{pod}/metrics?metricType=GPU_UTILIZATION,CPU_USAGE_CORES&{q}");
        Assert.Equal(207, ps);
        Assert.Empty(OpenApiDocs.Validate(OpenApiDocs.Schema("pods.json", ops["get_workload_pod_metrics"].ResponseSchemaJson["207"]), pb));
        host.Options.PartialMetrics = false;
        Assert.Equal(200, (await Http.GetAsync(client, $"api/v1/workloads/{w.Id}/metrics?metricType=GPU_UTILIZATION&{q}")).Status);
    }
}
