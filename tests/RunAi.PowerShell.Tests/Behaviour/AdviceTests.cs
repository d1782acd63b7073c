using System;
using System.Collections.Generic;
using System.Management.Automation;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>The RecommendedAction matches what happened: "try again later" for an outage, the server's wait for a rate limit, a refused token is not called expired.</summary>
[Collection("engine")]
public sealed class AdviceTests : EngineTests<SimulatorFixture>
{
    public AdviceTests(SimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void A_503_without_retries_says_to_try_again_later_not_to_check_the_address()
    {
        using var ps = Sim.Connected("-MaxRetryCount 0");
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" ? new SimulatedResponse(503, "{\"code\":503,\"message\":\"maintenance\"}") : null;

        var error = Assert.Single(ps.Run("Get-RunAiWorkload -First 1").Errors);

        Assert.StartsWith("ServiceUnavailable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        var advice = error.ErrorDetails.RecommendedAction;
        Assert.Contains("Try again later", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("address", advice, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("network", advice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_429_asking_for_an_hour_says_how_long_the_server_asked_to_wait()
    {
        using var ps = Sim.Connected();
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "3600" } }
            : null;

        var error = Assert.Single(ps.Run("Get-RunAiWorkload -First 1").Errors);

        Assert.StartsWith("TooManyRequests,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        var advice = error.ErrorDetails.RecommendedAction;
        Assert.Contains("wait 3600 s (1 h)", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("address", advice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_wrong_static_token_is_refused_not_expired()
    {
        using var ps = new PowerShellSession();
        var result = ps.RunCatching("Connect-RunAi -BaseUri $uri -Token 'not-a-token'", new() { ["uri"] = Sim.BaseUri });

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.StartsWith("Unauthorized,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        var advice = error.ErrorDetails.RecommendedAction;
        Assert.Contains("refused the token", advice, StringComparison.Ordinal);
        Assert.Contains(Sim.BaseUri.GetLeftPart(UriPartial.Authority), advice, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", advice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_static_token_revoked_during_the_session_is_refused_not_expired()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        Sim.Simulator.Options.Override = _ => new SimulatedResponse(401, "{\"code\":401,\"message\":\"Unauthorized\"}");

        var error = Assert.Single(ps.Run("Get-RunAiWorkload -First 1").Errors);

        Assert.StartsWith("Unauthorized,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("revoked", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.DoesNotContain("expired", error.ErrorDetails.RecommendedAction, StringComparison.OrdinalIgnoreCase);
    }
}
