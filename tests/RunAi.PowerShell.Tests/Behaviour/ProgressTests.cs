using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Write-Progress on long listings: shown only after about a second, refreshed, completed at the end.</summary>
[Collection("engine")]
public sealed class ProgressTests : EngineTests<SimulatorFixture>
{

    public ProgressTests(SimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void A_slow_listing_shows_what_is_listed_items_and_pages_then_completes()
    {
        using var ps = Sim.Connected();
        // Slow enough that the listing lasts well over the 1 s before progress shows, with three pages in flight.
        Sim.Simulator.Options.Latency = TimeSpan.FromMilliseconds(400);

        var result = ps.Run("Get-RunAiWorkload -PageSize 100 -First 1500");

        Assert.Equal(1500, result.Output.Count);
        var shown = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, p => Assert.Equal("Listing workloads", p.Activity));
        Assert.Matches(@"^[\d,]+ items so far, \d+ pages \(\d+ s\)$", shown[^1].StatusDescription);
        Assert.Equal(-1, shown[^1].PercentComplete);
        var last = result.Progress[^1];
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        Assert.Equal(shown[0].ActivityId, last.ActivityId);
    }

    [Fact]
    public void A_Retry_After_wait_shows_in_the_status_with_the_time_left()
    {
        using var ps = Sim.Connected("-RetryDelayMilliseconds 10");
        var answered = 0;
        // The server asks for 3 s: progress shows after 1 s, while the command still waits.
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && System.Threading.Interlocked.Increment(ref answered) == 1
            ? new RunAi.Simulator.SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new System.Collections.Generic.Dictionary<string, string> { ["Retry-After"] = "3" } }
            : null;

        var result = ps.Run("Get-RunAiWorkload -First 1");

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        var shown = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.NotEmpty(shown);
        Assert.Matches(@"^Waiting [123] s: the server asked this session to slow down \(429 Retry-After\); 0 items so far \(\d+ s\)$", shown[0].StatusDescription);
    }

    [Fact]
    public void A_known_total_turns_progress_into_a_percentage()
    {
        using var ps = Sim.Connected();
        Sim.Simulator.Options.Latency = TimeSpan.FromMilliseconds(400);

        var result = ps.Run("Get-RunAiWorkload -PageSize 100 -First 1200 -IncludeTotalCount");

        var percents = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.PercentComplete).ToList();
        Assert.NotEmpty(percents);
        Assert.All(percents, p => Assert.InRange(p, 0, 100));
        Assert.True(percents.SequenceEqual(percents.OrderBy(p => p)), string.Join(",", percents));
    }

    [Fact]
    public void A_quick_call_shows_no_progress()
    {
        using var ps = Sim.Connected();

        var result = ps.Run("Get-RunAiWorkload -First 3; Get-RunAiWorkload -First 3 | Get-RunAiWorkloadEvent");

        Assert.NotEmpty(result.Output);
        Assert.Empty(result.Progress);
    }

    [Fact]
    public void Many_inputs_are_counted_in_one_bar()
    {
        using var ps = Sim.Connected();
        // 24 inputs, 4 at once (the default -ThrottleLimit), 300 ms each: long enough for the bar to show.
        Sim.Simulator.Options.Latency = TimeSpan.FromMilliseconds(300);

        var result = ps.Run("Get-RunAiWorkload -First 24 -PageSize 24 | Get-RunAiWorkloadEvent");

        // Get-RunAiWorkload upstream has its own bar (it waits on the events downstream); the events' bar is one bar for all inputs.
        var events = result.Progress.Where(p => p.Activity.StartsWith("Listing events of workload ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(events);
        Assert.Single(events.Select(p => p.ActivityId).Distinct());
        Assert.Matches(@", \d+ inputs \(", events.Last(p => p.RecordType == ProgressRecordType.Processing).StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, events[^1].RecordType);
    }

    [Fact]
    public void ProgressPreference_SilentlyContinue_hides_it()
    {
        using var ps = Sim.Connected();
        Sim.Simulator.Options.Latency = TimeSpan.FromMilliseconds(150);

        var result = ps.Run("$ProgressPreference = 'SilentlyContinue'; Get-RunAiWorkload -PageSize 100 -First 1200");

        Assert.Equal(1200, result.Output.Count);
        Assert.Empty(result.Progress);
    }
}
