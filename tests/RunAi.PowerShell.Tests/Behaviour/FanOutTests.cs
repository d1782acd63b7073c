using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// -ThrottleLimit: many pipeline inputs in flight at once, output in input order with each input's items together,
/// errors in their input's place, bounded buffers, every request stopped at once, and a 429 that pauses every lane.
/// </summary>
[Collection("engine")]
public sealed class FanOutTests : EngineTests<SimulatorFixture>
{
    // Objects with an Id, as Import-Csv or a workload would give: what binds to -WorkloadId from the pipeline.
    private const string Piped = "$ids | ForEach-Object { [pscustomobject]@{ Id = $_ } } | ";

    private readonly PowerShellSession _ps;
    private int _limitedOnce;

    public FanOutTests(SimulatorFixture sim)
        : base(sim)
    {
        _ps = sim.Connected();
        Sim.Simulator.ClearRequests();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ps.Dispose();
        }

        base.Dispose(disposing);
    }

    [Fact]
    public void ThrottleLimit_8_writes_each_inputs_events_together_in_input_order_whatever_order_the_answers_come_in()
    {
        var ids = ActiveIds(40);
        var big = ids[5];
        var script = new ScriptedEvents
        {
            // Every 8th input is slow, so the ones after it finish first; one input has more events than a lane buffers.
            DelayOf = id => TimeSpan.FromMilliseconds(ids.IndexOf(id) % 8 == 0 ? 300 : 20 * (ids.IndexOf(id) % 5)),
            CountOf = id => id == big ? 700 : ids.IndexOf(id) % 7,
        }.Install(Sim.Simulator);

        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 8 -PageSize 100", Vars(ids));

        Assert.Empty(result.Errors);
        Assert.Equal(ids.SelectMany(script.MessagesOf), result.All<string>("Message"));
        Assert.Equal(ids.Where(id => script.CountOf(id) > 0), result.All<Guid>("WorkloadId").Distinct());
        Assert.Equal(ids.Sum(id => Math.Max(1, (script.CountOf(id) + 99) / 100)), script.Calls.Count);
        Assert.Equal(8, script.MaxInFlight());
    }

    [Fact]
    public void A_missing_id_is_a_non_terminating_NotFound_in_its_inputs_place_with_the_id_as_TargetObject()
    {
        var ids = ActiveIds(24);
        var missing = new HashSet<Guid> { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        ids.Insert(1, missing.ElementAt(0));
        ids.Insert(12, missing.ElementAt(1));
        ids.Add(missing.ElementAt(2));
        var script = new ScriptedEvents
        {
            Missing = missing,
            // The first missing id answers last: its error must still come right after the first input's events.
            DelayOf = id => TimeSpan.FromMilliseconds(id == ids[1] ? 400 : 10 * (ids.IndexOf(id) % 4)),
        }.Install(Sim.Simulator);

        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 8 2>&1", Vars(ids));

        var expected = ids.SelectMany(id => missing.Contains(id) ? new[] { "error:" + id } : script.MessagesOf(id)).ToList();
        var written = result.Output.Select(o => o.BaseObject is ErrorRecord e ? "error:" + e.TargetObject : (string)o.Properties["Message"].Value).ToList();
        Assert.Equal(expected, written);
        var errors = result.Output.Select(o => o.BaseObject).OfType<ErrorRecord>().ToList();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.StartsWith("NotFound,", e.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.IsType<Guid>(e.TargetObject);
        });
    }

    [Fact]
    public void The_default_runs_one_input_at_a_time_and_ThrottleLimit_4_four_at_once()
    {
        var ids = ActiveIds(12);
        var byDefault = new ScriptedEvents { DelayOf = _ => TimeSpan.FromMilliseconds(60) }.Install(Sim.Simulator);
        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent", Vars(ids));
        Assert.Equal(ids.SelectMany(byDefault.MessagesOf), result.All<string>("Message"));
        Assert.Equal(1, byDefault.MaxInFlight());

        var fourAtOnce = new ScriptedEvents { DelayOf = _ => TimeSpan.FromMilliseconds(60) }.Install(Sim.Simulator);
        result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 4", Vars(ids));
        Assert.Equal(ids.SelectMany(fourAtOnce.MessagesOf), result.All<string>("Message"));
        Assert.Equal(4, fourAtOnce.MaxInFlight());
    }

    [Fact]
    public void Behind_a_slow_input_only_a_bounded_number_of_inputs_start()
    {
        var ids = ActiveIds(200);
        var script = new ScriptedEvents { DelayOf = id => id == ids[0] ? TimeSpan.FromSeconds(2) : TimeSpan.Zero }.Install(Sim.Simulator);

        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 4", Vars(ids));

        Assert.Equal(ids.SelectMany(script.MessagesOf), result.All<string>("Message"));
        var calls = script.Calls;
        var slowDone = calls.Single(c => c.Id == ids[0]).End;
        // While the first input's answer is awaited, 4 lanes run and at most 8 inputs (twice the lanes) wait unwritten.
        var startedMeanwhile = calls.Count(c => c.Start < slowDone - 0.1);
        Assert.InRange(startedMeanwhile, 4, 9);
    }

    [Fact]
    public void A_lane_behind_a_slow_one_fetches_only_its_bounded_buffer_ahead()
    {
        var ids = ActiveIds(2);
        var script = new ScriptedEvents
        {
            DelayOf = id => id == ids[0] ? TimeSpan.FromSeconds(2) : TimeSpan.Zero,
            CountOf = id => id == ids[0] ? 1 : 2000,
        }.Install(Sim.Simulator);

        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 2 -PageSize 50", Vars(ids));

        Assert.Equal(ids.SelectMany(script.MessagesOf), result.All<string>("Message"));
        var calls = script.Calls;
        var slowDone = calls.Single(c => c.Id == ids[0]).End;
        var pagesAhead = calls.Count(c => c.Id == ids[1] && c.Start < slowDone - 0.1);
        // A lane buffers 256 items (about 5 pages of 50), plus the page in hand and the one the pager reads ahead: never all 40.
        Assert.InRange(pagesAhead, 2, 9);
        Assert.Equal(41, calls.Count);
    }

    [Fact]
    public void Select_Object_First_3_stops_every_lane_at_once_and_leaves_no_request_running()
    {
        var ids = ActiveIds(40);
        var script = new ScriptedEvents
        {
            CountOf = _ => 5,
            // The first workload answers once the other lanes' requests are surely on their way: those are what must stop.
            DelayOf = id => id == ids[0] ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(30),
        }.Install(Sim.Simulator);

        // The hosted engine has only the core cmdlets; Select-Object comes from PowerShell's own Utility module.
        Assert.Empty(_ps.Run("Import-Module $utility", new() { ["utility"] = typeof(Microsoft.PowerShell.Commands.SelectObjectCommand).Assembly.Location }).Errors);
        var clock = Stopwatch.StartNew();
        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 8 | Select-Object -First 3", Vars(ids));
        clock.Stop();

        Assert.Equal(script.MessagesOf(ids[0]).Take(3), result.All<string>("Message"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalMilliseconds} ms");
        var started = script.Calls;
        Assert.InRange(started.Count, 2, 9);
        // The lane that took the first one's place may send its request just after the stop: it must end too.
        AssertEveryRequestEndsWithinASecond(() => script.Calls.Count);
        Assert.All(Sim.Simulator.Requests.Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal)).Skip(1), r => Assert.Equal(499, r.StatusCode));
    }

    [Fact]
    public void StopProcessing_with_8_requests_in_flight_returns_within_a_second_and_ends_every_one()
    {
        var ids = ActiveIds(40);
        var script = new ScriptedEvents { DelayOf = _ => TimeSpan.FromSeconds(30) }.Install(Sim.Simulator);
        _ps.Runspace.SessionStateProxy.SetVariable("ids", ids.ToArray());
        using var shell = _ps.CreateShell(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 8");
        var running = shell.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (script.Calls.Count < 8 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20); // polls, bounded by the loop's deadline
        }

        Assert.Equal(8, script.Calls.Count);
        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();

        Assert.True(running.IsCompleted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {clock.Elapsed.TotalMilliseconds} ms");
        AssertEveryRequestEndsWithinASecond(() => 8);
        Assert.Equal(8, script.Calls.Count);
    }

    [Fact]
    public void A_429_with_Retry_After_on_one_lane_pauses_every_lane_of_the_session()
    {
        var ids = ActiveIds(40);
        var limited = ids[2];
        var script = new ScriptedEvents
        {
            DelayOf = _ => TimeSpan.FromMilliseconds(150),
            Before = (id, _) => id == limited && Interlocked.Exchange(ref _limitedOnce, 1) == 0
                ? new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "2" } }
                : null,
        }.Install(Sim.Simulator);

        var result = _ps.Run(Piped + "Get-RunAiWorkloadEvent -ThrottleLimit 8", Vars(ids));

        Assert.Empty(result.Errors);
        Assert.Equal(ids.SelectMany(script.MessagesOf), result.All<string>("Message"));
        var calls = script.Calls;
        var limitedAt = calls.Single(c => c.Status == 429).Start;
        // Requests sent before the 429 reached the client may arrive just after it; after that, none until the window has passed.
        var inWindow = calls.Where(c => c.Start > limitedAt + 0.25 && c.Start < limitedAt + 2.0).ToList();
        Assert.True(inWindow.Count == 0, $"{inWindow.Count} requests arrived inside the 2 s Retry-After window, the first {inWindow.FirstOrDefault()?.Start - limitedAt:0.000} s after the 429");
        Assert.Contains(calls, c => c.Id == limited && c.Status == 200 && c.Start >= limitedAt + 2.0);
        Assert.True(calls.Count(c => c.Start >= limitedAt + 2.0) > 20, "most lanes should have run after the window");
    }

    [Theory]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiWorkload -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiWorkloadEvent -PageSize 7 -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiWorkloadHistory -PageSize 7 -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiPod -IncludeTotalCount -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiWorkloadEndpoint -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiWorkloadElement -IncludeTotalCount -First 5 -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -First 30 | Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION,POD_COUNT -Start $start -End $end -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -Type Inference -First 10 | Get-RunAiInferenceRevision -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -Type Inference -First 10 | Get-RunAiInferenceRevision | Get-RunAiInferenceRevision -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -Type Inference -First 10 | Get-RunAiInferenceRevision | Get-RunAiPod -ThrottleLimit {0}")]
    [InlineData("Get-RunAiWorkload -Type Inference -First 10 | Get-RunAiInferenceRevision | Get-RunAiWorkloadEvent -ThrottleLimit {0}")]
    [InlineData("Get-RunAiPod -First 20 | Get-RunAiPodMetric -MetricType GPU_UTILIZATION -Start $start -End $end -ThrottleLimit {0}")]
    public void Output_and_errors_at_ThrottleLimit_8_are_the_same_objects_in_the_same_order_as_one_at_a_time(string pipeline)
    {
        Sim.Simulator.Options.Latency = TimeSpan.FromMilliseconds(5);
        var end = Sim.Simulator.Data.ReferenceTime;
        var window = new Dictionary<string, object?> { ["start"] = end.AddHours(-1), ["end"] = end };

        var one = _ps.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, pipeline, 1) + " 2>&1", window);
        var requestsOne = Sim.Simulator.Requests.Count;
        Sim.Simulator.ClearRequests();
        var eight = _ps.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, pipeline, 8) + " 2>&1", window);

        Assert.Contains(one.Output, o => o.BaseObject is not ErrorRecord);
        Assert.True(one.Output.Select(Signature).Distinct().Count() > 1, "every object reads the same: the comparison would prove nothing");
        Assert.Equal(one.Output.Select(Signature), eight.Output.Select(Signature));
        Assert.Equal(requestsOne, Sim.Simulator.Requests.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void ThrottleLimit_outside_1_to_32_is_refused_before_any_request(int limit)
    {
        var result = _ps.RunCatching(Piped + $"Get-RunAiWorkloadEvent -ThrottleLimit {limit}", Vars(ActiveIds(2)));

        Assert.Empty(result.Output);
        Assert.NotEmpty(result.AllErrors);
        Assert.All(result.AllErrors, e => Assert.StartsWith("ParameterArgumentValidationError,", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.Empty(Sim.Simulator.Requests);
    }

    [Fact]
    public void Every_cmdlet_that_takes_many_ids_from_the_pipeline_has_ThrottleLimit_1_to_32()
    {
        var cmdlets = new[]
        {
            "Get-RunAiWorkload", "Get-RunAiWorkloadEvent", "Get-RunAiWorkloadHistory", "Get-RunAiPod", "Get-RunAiWorkloadMetric",
            "Get-RunAiPodMetric", "Get-RunAiWorkloadEndpoint", "Get-RunAiWorkloadElement", "Get-RunAiInferenceRevision",
        };
        foreach (var name in cmdlets)
        {
            var range = _ps.Run($"(Get-Command {name}).Parameters['ThrottleLimit'].Attributes | Where-Object {{ $_ -is [System.Management.Automation.ValidateRangeAttribute] }}").Output;
            var attribute = Assert.Single(range).BaseObject as ValidateRangeAttribute;
            Assert.NotNull(attribute);
            Assert.Equal(1, attribute!.MinRange);
            Assert.Equal(32, attribute.MaxRange);
        }

        // Only where ids come from the pipeline: the listing set of Get-RunAiWorkload and Get-RunAiPod has no lanes.
        var sets = _ps.Run("(Get-Command Get-RunAiWorkload, Get-RunAiPod).ParameterSets | Where-Object { $_.Parameters.Name -contains 'ThrottleLimit' } | ForEach-Object Name").Output.Select(o => o.ToString());
        Assert.Equal(new[] { "ById", "Workload", "Revision" }, sets);
    }

    /// <summary>What an output object says: its properties and values, or the error's id and target.</summary>
    private static string Signature(PSObject o) => o.BaseObject switch
    {
        ErrorRecord e => "error " + e.FullyQualifiedErrorId + " " + e.TargetObject,
        string or ValueType => "value " + o.BaseObject,
        _ => string.Join("|", o.Properties.Select(p => p.Name + "=" + p.Value)),
    };

    private List<Guid> ActiveIds(int count) =>
        Enumerable.Range(0, Sim.Simulator.Data.WorkloadCount).Where(i => !Sim.Simulator.Data.IsDeleted(i)).Take(count).Select(Sim.Simulator.Data.GetWorkloadId).ToList();

    private static Dictionary<string, object?> Vars(List<Guid> ids) => new() { ["ids"] = ids.ToArray() };

    /// <summary>Every events request that reached the server (<paramref name="started"/> of them) has ended (answered or aborted) within a second.</summary>
    private void AssertEveryRequestEndsWithinASecond(Func<int> started)
    {
        var deadline = DateTime.UtcNow.AddSeconds(1);
        int ended;
        while ((ended = EndedEventsRequests()) < started() && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20); // polls, bounded by the loop's deadline
        }

        Assert.True(ended == started(), $"{started() - ended} of {started()} requests were still running a second later");
    }

    private int EndedEventsRequests() => Sim.Simulator.Requests.Count(r => r.Path.EndsWith("/events", StringComparison.Ordinal));
}
