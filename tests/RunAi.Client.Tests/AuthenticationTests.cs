using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using RunAi.Client.Paging;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>Which token each attempt carries: retries, Retry-After waits and renewals of client-credential tokens.</summary>
public sealed class AuthenticationTests : IClassFixture<ClientFixture>
{
    private readonly ClientFixture _f;

    public AuthenticationTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task A_retry_after_a_Retry_After_wait_longer_than_the_token_lifetime_carries_a_renewed_token()
    {
        // Every token is expired by the time a retry after the 3 s wait leaves: a retry that reuses the header of
        // the first attempt is answered 401.
        var o = _f.Simulator.Options;
        o.TokenLifetimeSeconds = 2;
        o.TooManyRequestsEvery = 3;
        o.RetryAfterSeconds = 3;
        using var client = _f.SecretClient();

        var workloads = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100, First = 400 }));

        Assert.Equal(400, workloads.Select(w => w.Id).Distinct().Count());
        var requests = _f.Simulator.Requests;
        Assert.Contains(requests, r => r.StatusCode == 429);
        Assert.DoesNotContain(requests, r => r.StatusCode == 401);
        Assert.True(requests.Count(r => r.Path == "/api/v1/token") >= 2, "the token was never renewed during the waits");
    }

    [Fact]
    public async Task A_token_rejected_by_the_server_is_replaced_once_and_the_attempt_repeated_with_the_new_one()
    {
        using var client = _f.SecretClient();
        await client.CountWorkloadsAsync();
        _f.Simulator.ExpireAllTokens();
        _f.Simulator.ClearRequests();

        Assert.True(await client.CountWorkloadsAsync() >= 0);

        var calls = _f.Simulator.Requests.Where(r => r.Path == "/api/v1/workloads/count").ToList();
        Assert.Equal(new[] { 401, 200 }, calls.Select(r => r.StatusCode));
        Assert.NotEqual(calls[0].Authorization, calls[1].Authorization);
        Assert.Single(_f.Requests("/api/v1/token"));
    }

    [Fact]
    public async Task An_outage_of_the_token_endpoint_at_renewal_time_does_not_fail_calls_while_the_token_in_hand_is_valid()
    {
        // An hour-long token is renewed a minute before it expires. From then on the token endpoint answers 503: the
        // calls keep the token they have until it expires, and only then fail, naming the token endpoint. The client's
        // clock is a fake one moved by the test (the simulator's tokens live for real hours, so it accepts them).
        _f.Simulator.Options.TokenLifetimeSeconds = 3600;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = _f.SecretClient(o =>
        {
            o.MaxRetries = 0;
            o.TimeProvider = clock;
        });
        await client.CountWorkloadsAsync();
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/token" ? new RunAi.Simulator.SimulatedResponse(503, "{\"code\":503,\"message\":\"down\"}") : null;

        clock.Advance(TimeSpan.FromMinutes(59.5)); // past the renewal point, 30 s before the token expires
        Assert.True(await client.CountWorkloadsAsync() >= 0);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(await client.CountWorkloadsAsync() >= 0);
        Assert.Contains(_f.Simulator.Requests, r => r.Path == "/api/v1/token" && r.StatusCode == 503);
        Assert.DoesNotContain(_f.Simulator.Requests, r => r.Path == "/api/v1/workloads/count" && r.StatusCode != 200);

        clock.Advance(TimeSpan.FromSeconds(20)); // expired
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());
        Assert.True(failure.IsTokenRequest, failure.Message);
        Assert.Contains("/api/v1/token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_endpoint_that_does_not_answer_in_time_is_named_in_the_timeout()
    {
        // The token request leaves inside the data request's attempt: it is the token endpoint that did not answer, and
        // the error must say so rather than blame GET /api/v1/workloads/count.
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/token"
            ? new RunAi.Simulator.SimulatedResponse(200, "{}") { Delay = TimeSpan.FromSeconds(30) }
            : null;
        using var client = _f.SecretClient(o =>
        {
            o.MaxRetries = 1;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
        });

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(RunAiFailureKind.Timeout, failure.Kind);
        Assert.True(failure.IsTokenRequest, failure.Message);
        Assert.Contains("POST /api/v1/token", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_f.Simulator.Requests, r => r.Path == "/api/v1/workloads/count");
    }
}
