using System;
using System.Linq;
using System.Threading.Tasks;
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
}
