using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;
using RunAi.Tests.Servers;

namespace RunAi.PowerShell.Tests;

/// <summary>Faults survived, nothing lost: a long listing through rate limits and outages.</summary>
[Collection("engine")]
public sealed class LongListingResilienceTests : EngineTests<TwentyThousandWorkloadsFixture>
{

    public LongListingResilienceTests(TwentyThousandWorkloadsFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Listing_20000_workloads_through_429_every_5th_and_503_every_7th_returns_every_id_once_in_order()
    {
        // Pages are read ahead, so requests share the simulator's fault counter in no fixed order: a page could meet more
        // failures in a row than the default five retries. This test is about recovering, not about the retry limit.
        using var ps = Sim.Connected("-RetryDelayMilliseconds 100 -MaxRetryCount 15");
        Sim.Simulator.ResetFaultCounter();
        Sim.Simulator.ClearRequests();
        var o = Sim.Simulator.Options;
        o.TooManyRequestsEvery = 5;
        o.ServiceUnavailableEvery = 7;
        o.RetryAfterSeconds = 1;

        var clock = Stopwatch.StartNew();
        var result = ps.Run("Get-RunAiWorkload -PageSize 500 | ForEach-Object Id");
        clock.Stop();

        Assert.Empty(result.Errors);
        var ids = result.Output.Select(x => (Guid)x.BaseObject).ToList();
        var data = Sim.Simulator.Data;
        var expected = Enumerable.Range(0, data.WorkloadCount).Where(i => !data.IsDeleted(i)).Select(data.GetWorkloadId).ToList();
        Assert.Equal(TwentyThousandWorkloadsFixture.Listed, expected.Count);
        Assert.Equal(TwentyThousandWorkloadsFixture.Listed, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected, ids);

        var pages = Sim.ApiRequests("/api/v1/workloads").Where(r => r.Path == "/api/v1/workloads").ToList();
        Assert.Contains(pages, r => r.StatusCode == 429);
        Assert.Contains(pages, r => r.StatusCode == 503);
        // Each page served once (reading ahead, in any order), plus at most two guesses past the end (the client reads up to three pages ahead).
        var served = pages.Where(r => r.StatusCode == 200).Select(r => r.Offset()).OrderBy(o => o).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 500L), served.Where(o => o < 20_000));
        Assert.InRange(served.Count(o => o >= 20_000), 0, 2);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }
}

/// <summary>Retry-After, token renewal and expiry, the retry limit and Ctrl+C during a retry wait.</summary>
[Collection("engine")]
public sealed class ResilienceTests : EngineTests<SimulatorFixture>
{

    public ResilienceTests(SimulatorFixture sim)
        : base(sim)
    {
        Sim.Simulator.Options.TokenLifetimeSeconds = 3600;
    }

    [Fact]
    public void A_429_with_Retry_After_is_waited_for_before_the_retry()
    {
        using var ps = Sim.Connected("-RetryDelayMilliseconds 10");
        var answered = 0;
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && Interlocked.Increment(ref answered) == 1
            ? new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "2" } }
            : null;

        var clock = Stopwatch.StartNew();
        var result = ps.Run("Get-RunAiWorkload -First 1 -Debug");
        clock.Stop();

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"the retry came after {clock.Elapsed.TotalMilliseconds} ms, not after the 2 s the server asked for");
        Assert.Contains(result.Debug, d => d.Contains("429", StringComparison.Ordinal) && d.Contains("retry 1", StringComparison.Ordinal));
        Assert.Equal(new[] { 429, 200 }, Sim.ApiRequests("/api/v1/workloads").Where(r => r.Path == "/api/v1/workloads").Select(r => r.StatusCode));
    }

    [Fact]
    public void A_two_second_token_is_renewed_transparently_once_per_renewal_during_a_long_listing()
    {
        var o = Sim.Simulator.Options;
        o.TokenLifetimeSeconds = 2;
        using var ps = new PowerShellSession();
        var connect = ps.Run(
            "Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret",
            new() { ["uri"] = Sim.BaseUri, ["id"] = o.ClientId, ["secret"] = o.ClientSecret });
        Assert.Empty(connect.Errors);
        Sim.Simulator.ClearRequests();
        // Small pages, so the listing lasts over 4 s even with three pages in flight.
        o.Latency = TimeSpan.FromMilliseconds(100);

        var clock = Stopwatch.StartNew();
        var result = ps.Run("Get-RunAiWorkload -PageSize 8 | ForEach-Object Id");
        clock.Stop();
        o.Latency = TimeSpan.Zero;

        Assert.Empty(result.Errors);
        Assert.Equal(Sim.Simulator.Data.ActiveWorkloadCount, result.Output.Select(x => x.BaseObject).Distinct().Count());
        var requests = Sim.Simulator.Requests;
        var tokenRequests = requests.Count(r => r.Path == "/api/v1/token");
        var apiRequests = requests.Count(r => r.Path != "/api/v1/token");
        Assert.DoesNotContain(requests, r => r.StatusCode == 401);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(4), $"the listing took only {clock.Elapsed}; too short to need renewals");

        // A 2-second token is renewed at half its life: about one token request per second of listing, never one per call.
        var expected = clock.Elapsed.TotalSeconds / 1.0;
        Assert.InRange(tokenRequests, (int)(expected * 0.5), (int)Math.Ceiling(expected) + 2);
        Assert.True(tokenRequests * 4 < apiRequests, $"{tokenRequests} token requests for {apiRequests} calls");
    }

    [Fact]
    public async Task An_expired_static_token_says_so_and_how_to_reconnect()
    {
        var token = await Sim.IssueTokenAsync();
        using var ps = new PowerShellSession();
        Assert.Empty(ps.Run("Connect-RunAi -BaseUri $uri -Token $token", new() { ["uri"] = Sim.BaseUri, ["token"] = token }).Errors);
        Sim.Simulator.ExpireAllTokens();

        var result = ps.Run("Get-RunAiWorkload -First 1");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("TokenExpired,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("expired", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Connect-RunAi", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join("\n", VisibleText.TextOf(error)), StringComparison.Ordinal);
    }

    [Fact]
    public void Retries_stop_at_the_limit_with_an_error_naming_the_attempts_and_the_last_status()
    {
        using var ps = Sim.Connected("-MaxRetryCount 2 -RetryDelayMilliseconds 10");
        Sim.Simulator.ClearRequests();
        Sim.Simulator.Options.ServiceUnavailableEvery = 1;

        var result = ps.Run("Get-RunAiWorkload -First 1");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ServiceUnavailable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Contains("after 3 attempts; last status 503", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(3, (int)error.Exception.GetType().GetProperty("Attempts")!.GetValue(error.Exception)!);
        Assert.Contains("3 attempts", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(3, Sim.ApiRequests("/api/v1/workloads").Count);
    }

    [Fact]
    public void A_page_read_ahead_that_fails_is_reported_after_every_object_of_the_pages_before_it()
    {
        // The page at 40 is read ahead and fails at once; the page at 30 comes 300 ms later. When the reader gets to the
        // failure it is already there: the objects of the page at 30, not yet handed to the pipeline, must still be
        // written, before the error.
        using var ps = Sim.Connected("-MaxRetryCount 0");
        var idsAt30 = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var pageAt30 = "{\"workloads\":[" + string.Join(",", idsAt30.Select(id =>
            "{\"id\":\"" + id + "\",\"name\":\"x\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Guid.NewGuid() + "\"}")) + "],\"next\":40}";
        Sim.Simulator.ClearRequests();
        Sim.Simulator.Options.Override = r => r.Path != "/api/v1/workloads"
            ? null
            : r.Offset() switch
            {
                30 => new SimulatedResponse(200, pageAt30) { Delay = TimeSpan.FromMilliseconds(300) },
                40 => new SimulatedResponse(500, "{\"code\":500,\"message\":\"the page at 40 broke\"}"),
                _ => null,
            };

        var result = ps.Run("Get-RunAiWorkload -PageSize 10 | ForEach-Object Id");

        var error = Assert.Single(result.Errors);
        Assert.Contains("500", error.Exception.Message, StringComparison.Ordinal);
        var data = Sim.Simulator.Data;
        var expected = Enumerable.Range(0, data.WorkloadCount).Where(i => !data.IsDeleted(i)).Select(data.GetWorkloadId).Take(30).Concat(idsAt30);
        Assert.Equal(expected, result.Output.Select(x => (Guid)x.BaseObject));
    }

    [Fact]
    public void Too_many_requests_and_service_unavailable_are_retried()
    {
        // Four answers in six fail, and pages read ahead share the fault counter in no fixed order: enough retries that
        // no page runs out of them (the retry limit has its own tests).
        using var ps = Sim.Connected("-MaxRetryCount 20 -RetryDelayMilliseconds 10");
        Sim.Simulator.ClearRequests();
        Sim.Simulator.Options.TooManyRequestsEvery = 2;
        Sim.Simulator.Options.ServiceUnavailableEvery = 3;
        Sim.Simulator.Options.RetryAfterSeconds = 0;
        var result = ps.Run("Get-RunAiWorkload -First 500 -PageSize 100");

        Assert.Empty(result.Errors);
        Assert.Equal(500, result.All<Guid>("Id").Distinct().Count());
        Assert.Contains(Sim.Simulator.Requests, r => r.StatusCode == 429);
        Assert.Contains(Sim.Simulator.Requests, r => r.StatusCode == 503);
    }
}
