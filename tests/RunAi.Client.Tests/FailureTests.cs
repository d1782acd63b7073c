using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Client.Authentication;
using RunAi.Client.Paging;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

public sealed class FailureTests : IClassFixture<ClientFixture>
{
    private readonly ClientFixture _f;

    public FailureTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task A_RunAi_error_body_becomes_the_exception_message_code_and_details()
    {
        using var client = _f.TokenClient();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.GetWorkloadAsync(Guid.NewGuid()));

        Assert.Equal(404, failure.StatusCode);
        Assert.Equal("404", failure.ErrorCode);
        Assert.NotNull(failure.ApiMessage);
        Assert.StartsWith("GET /api/v1/workloads/", failure.Message, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_monitor_error_shape_reads_as_clearly()
    {
        _f.Simulator.Options.Override = _ => new SimulatedResponse(404, "{\"message\":\"event not found\",\"error_code\":\"EVENT_NOT_FOUND\",\"details\":{\"id\":\"x\"}}");
        using var client = _f.TokenClient();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal("EVENT_NOT_FOUND", failure.ErrorCode);
        Assert.Equal("event not found", failure.ApiMessage);
        Assert.Equal("{\"id\":\"x\"}", failure.Details);
    }

    [Fact]
    public async Task A_proxy_html_page_is_summarised_not_dumped()
    {
        _f.Simulator.Options.Override = _ => new SimulatedResponse(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>", "text/html");
        using var client = _f.TokenClient(o => o.MaxRetries = 1);
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(502, failure.StatusCode);
        Assert.Equal(2, failure.Attempts);
        Assert.Contains("text/html", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>", failure.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_truncated_on_every_attempt_is_an_invalid_response_after_the_retries()
    {
        // The simulator cuts the body with a Content-Length to match: every announced byte arrived, the JSON in it
        // stops early. Retried like a cut connection, then InvalidResponse (BodyFaultTests has the cut connections).
        _f.Simulator.Options.TruncateBodyEvery = 1;
        using var client = _f.TokenClient(o => o.MaxRetries = 2);
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync()));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal(3, _f.Requests("/api/v1/workloads").Count);
        Assert.Contains("failed after 3 attempts: the body's JSON stopped before it was complete", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_of_the_wrong_shape_is_an_invalid_response()
    {
        _f.Simulator.Options.Override = _ => new SimulatedResponse(200, "{\"items\":[1,2,3]}");
        using var client = _f.TokenClient();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync()));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public async Task Unknown_fields_are_kept_as_plain_values()
    {
        var id = Guid.NewGuid();
        _f.Simulator.Options.Override = _ => new SimulatedResponse(200,
            "{\"workloads\":[{\"id\":\"" + id + "\",\"name\":\"n\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Guid.NewGuid() + "\",\"futureField\":{\"a\":[1,\"b\"]},\"additionalFields\":{\"x\":true}}]}");
        using var client = _f.TokenClient();
        var workload = Assert.Single(await ClientFixture.ToListAsync(client.ListWorkloadsAsync()));

        var future = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(workload.AdditionalData["futureField"]);
        Assert.Equal(new object?[] { 1L, "b" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(future["a"]));
        Assert.Equal("a=1, b", workload.AdditionalData["futureField"]!.ToString());
        Assert.Equal(true, workload.AdditionalFields!["x"]);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_the_call_succeeds()
    {
        _f.Simulator.Options.TooManyRequestsEvery = 2;
        _f.Simulator.Options.ServiceUnavailableEvery = 3;
        using var client = _f.TokenClient();
        // Four answers in six fail here. One page at a time, no request meets more than three failures in a row; with
        // pages read ahead, requests that retry together after a Retry-After can keep landing on the failing numbers
        // (a counter shared by all requests, unlike a real rate limiter), so this test of retrying reads one page ahead.
        var all = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100, PagesAhead = 1 }));

        Assert.Equal(_f.Simulator.Data.ActiveWorkloadCount, all.Select(w => w.Id).Distinct().Count());
        Assert.Contains(_f.Simulator.Requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_maximum_wait_fails_at_once_and_says_so()
    {
        _f.Simulator.Options.Override = _ => new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" } };
        using var client = _f.TokenClient(o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), failure.RetryAfter);
        Assert.Contains("3600 s", failure.Message, StringComparison.Ordinal);
        Assert.Single(_f.Simulator.Requests);
    }

    [Fact]
    public async Task Retries_stop_at_the_limit_naming_the_attempts_and_last_status()
    {
        _f.Simulator.Options.ServiceUnavailableEvery = 1;
        using var client = _f.TokenClient(o => o.MaxRetries = 3);
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(4, failure.Attempts);
        Assert.Equal(503, failure.StatusCode);
        Assert.Contains("after 4 attempts; last status 503", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, _f.Simulator.Requests.Count);
    }

    [Fact]
    public async Task Client_credential_tokens_are_renewed_once_per_expiry_not_per_call()
    {
        _f.Simulator.Options.TokenLifetimeSeconds = 2;
        using var client = _f.SecretClient();
        var started = DateTime.UtcNow;
        var calls = 0;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(4.5))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.CountWorkloadsAsync()));
            calls += 4;
            await Task.Delay(50); // paces calls across the simulator's real token lifetime
        }

        var tokenRequests = _f.Requests("/api/v1/token").Count;
        Assert.True(calls > 40, $"only {calls} calls");
        Assert.InRange(tokenRequests, 3, 6);
        Assert.DoesNotContain(_f.Simulator.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task A_rejected_token_is_replaced_once_and_the_call_retried()
    {
        using var client = _f.SecretClient();
        await client.CountWorkloadsAsync();
        _f.Simulator.ExpireAllTokens();
        Assert.True(await client.CountWorkloadsAsync() >= 0);

        Assert.Equal(2, _f.Requests("/api/v1/token").Count);
        Assert.Single(_f.Simulator.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task A_base_address_with_a_path_keeps_its_path_with_or_without_a_trailing_slash()
    {
        var root = _f.Simulator.BaseUri.ToString().TrimEnd('/');
        using var withoutSlash = new RunAiClient(new RunAiClientOptions(new Uri(root + "/runai"), new RunAiTokenCredential("t")) { MaxRetries = 0 });
        using var withSlash = new RunAiClient(new RunAiClientOptions(new Uri(root + "/runai/"), new RunAiTokenCredential("t")) { MaxRetries = 0 });
        await Assert.ThrowsAsync<RunAiApiException>(() => withoutSlash.CountWorkloadsAsync());
        await Assert.ThrowsAsync<RunAiApiException>(() => withSlash.CountWorkloadsAsync());

        Assert.Equal(new[] { "/runai/api/v1/workloads/count", "/runai/api/v1/workloads/count" }, _f.Simulator.Requests.Select(r => r.Path));
    }

    [Fact]
    public void Plain_http_to_another_host_is_refused_unless_allowed()
    {
        var refused = Assert.Throws<ArgumentException>(() => new RunAiClient(new RunAiClientOptions(new Uri("http://runai.example.com/"), new RunAiTokenCredential("t"))));
        Assert.Contains("-AllowUnencryptedAuthentication", refused.Message, StringComparison.Ordinal);
        using var allowed = new RunAiClient(new RunAiClientOptions(new Uri("http://runai.example.com/"), new RunAiTokenCredential("t")) { AllowUnencryptedAuthentication = true });
        using var loopback = new RunAiClient(new RunAiClientOptions(new Uri("http://127.0.0.1:1/"), new RunAiTokenCredential("t")));
    }

    [Fact]
    public async Task A_redirect_to_another_host_never_carries_the_token()
    {
        await using var other = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 10 });
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads/count"
            ? new SimulatedResponse(302) { Headers = new Dictionary<string, string> { ["Location"] = new Uri(other.BaseUri, "api/v1/workloads/count").ToString() } }
            : null;
        using var client = _f.TokenClient();
        await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        var followed = Assert.Single(other.Requests);
        Assert.Null(followed.Authorization);
        Assert.Equal(401, followed.StatusCode);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_as_a_certificate_error_without_retries()
    {
        await using var tls = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 10, UseHttps = true });
        using var client = new RunAiClient(new RunAiClientOptions(tls.BaseUri, new RunAiTokenCredential(tls.Options.StaticToken)));
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());
        Assert.Equal(RunAiFailureKind.Certificate, failure.Kind);
        Assert.Equal(1, failure.Attempts);

        using var skipping = new RunAiClient(new RunAiClientOptions(tls.BaseUri, new RunAiTokenCredential(tls.Options.StaticToken)) { SkipCertificateCheck = true });
        Assert.Equal(10, await skipping.CountWorkloadsAsync() + tls.Data.DeletedWorkloadCount);
    }
}
