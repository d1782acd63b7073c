using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Ctrl+C (StopProcessing) ends a call at once, whatever it waits on, and the session stays usable.</summary>
[Collection("engine")]
public sealed class CancellationTests : EngineTests<SimulatorFixture>
{

    public CancellationTests(SimulatorFixture sim)
        : base(sim)
    {
        Sim.Simulator.Options.TokenLifetimeSeconds = 3600;
    }

    [Fact]
    public void StopProcessing_ends_a_hanging_request_within_a_second()
    {
        using var ps = Sim.Connected();
        Sim.Simulator.ClearRequests();
        Sim.Simulator.Options.Latency = TimeSpan.FromMinutes(10);
        using var shell = ps.CreateShell("Get-RunAiWorkload");
        var running = shell.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Sim.Simulator.ApiRequestCount == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20); // polls, bounded by the loop's deadline
        }

        Assert.True(Sim.Simulator.ApiRequestCount > 0, "the request never reached the server");
        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();

        Assert.True(running.IsCompleted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {clock.Elapsed.TotalMilliseconds} ms");
        Sim.Simulator.Options.Latency = TimeSpan.Zero;
        var after = ps.Run("Get-RunAiWorkload -First 1");
        Assert.Single(after.Output);
    }

    [Fact]
    public void StopProcessing_during_a_Retry_After_wait_returns_within_a_second_and_the_session_stays_usable()
    {
        using var ps = Sim.Connected();
        Sim.Simulator.ClearRequests();
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "30" } }
            : null;

        using var shell = ps.CreateShell("Get-RunAiWorkload");
        var running = shell.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Sim.Simulator.Requests.Any(r => r.StatusCode == 429) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20); // polls, bounded by the loop's deadline
        }

        Assert.True(Sim.Simulator.Requests.Any(r => r.StatusCode == 429), "the server never answered 429");
        Thread.Sleep(300); // room for a wrongly early end: asserting that a command still waits needs some real time
        Assert.False(running.IsCompleted, "the command should be waiting out the Retry-After");
        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();

        Assert.True(running.IsCompleted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Single(Sim.ApiRequests("/api/v1/workloads"));

        Sim.Simulator.Options.Override = null;
        var after = ps.Run("Get-RunAiWorkload -First 1");
        Assert.Empty(after.Errors);
        Assert.Single(after.Output);
    }
}
