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
/// Wait-RunAiWorkload and Get-RunAiWorkloadEvent -Follow against live workloads that change phase on the real clock
/// within seconds. Times are asserted only as generous upper bounds (the machine may be busy).
/// </summary>
[Collection("engine")]
public sealed class WatchAndWaitCmdletTests : EngineTests<LiveSimulatorFixture>
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private readonly PowerShellSession _ps;

    public WatchAndWaitCmdletTests(LiveSimulatorFixture sim)
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
    public void Waiting_for_Running_returns_the_piped_workload_once_it_runs()
    {
        var id = Live("starts-soon", LiveOutcome.Completed, TimeSpan.FromSeconds(2), Long);

        var result = _ps.Run("Get-RunAiWorkload -Id $id | Wait-RunAiWorkload -Phase Running -PollIntervalSec 1 -TimeoutSec 60", Vars(id));

        Assert.Empty(result.Errors);
        var workload = Assert.Single(result.Output);
        Assert.Equal(id, workload.Properties["Id"].Value);
        Assert.Equal("Running", workload.Properties["Phase"].Value);
        Assert.True(Gets(id) >= 3, $"{Gets(id)} reads: the first (Get-RunAiWorkload) and Wait's first poll saw it Pending, a later one Running");
    }

    [Fact]
    public void Waiting_for_Completed_on_a_workload_that_fails_is_an_error_naming_the_phase_and_the_reason()
    {
        var id = Live("fails-soon", LiveOutcome.Failed, TimeSpan.Zero, TimeSpan.FromSeconds(2));

        var result = _ps.Run("Wait-RunAiWorkload -Id $id -Phase Completed -PollIntervalSec 1 -TimeoutSec 60", Vars(id));

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("WorkloadEndedInUnwantedPhase,RunAi.PowerShell.Commands.WaitRunAiWorkloadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(id, error.TargetObject);
        Assert.Contains("ended in phase Failed instead of reaching Completed", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Container exited with code 1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("fails-soon", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_is_a_WaitTimeout_error_naming_the_phase_it_was_still_in()
    {
        var id = Live("stays-pending", LiveOutcome.Completed, Long, Long);
        var clock = Stopwatch.StartNew();

        var result = _ps.Run("Wait-RunAiWorkload -Id $id -Phase Running -PollIntervalSec 1 -TimeoutSec 2", Vars(id));

        clock.Stop();
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("WaitTimeout,RunAi.PowerShell.Commands.WaitRunAiWorkloadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(id, error.TargetObject);
        Assert.Contains("was still Pending after 2 s of waiting for Running", error.Exception.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the 2 s timeout was reported after {clock.Elapsed}");
    }

    [Fact]
    public void Several_workloads_wait_together_with_one_poll_of_each_per_interval()
    {
        var ids = new[]
        {
            Live("third", LiveOutcome.Completed, TimeSpan.FromSeconds(3), Long),
            Live("first", LiveOutcome.Completed, TimeSpan.FromSeconds(1), Long),
            Live("second", LiveOutcome.Completed, TimeSpan.FromSeconds(2), Long),
        };
        var unknown = Guid.NewGuid();
        var clock = Stopwatch.StartNew();

        var result = _ps.Run("Wait-RunAiWorkload -Id $ids -Phase Running -PollIntervalSec 1 -TimeoutSec 60", new() { ["ids"] = ids.Append(unknown).ToArray() });

        clock.Stop();
        Assert.Equal(["first", "second", "third"], result.All<string>("Name"));
        var notFound = Assert.Single(result.Errors);
        Assert.Equal("NotFound", notFound.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(unknown, notFound.TargetObject);
        var rounds = (int)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1;
        foreach (var id in ids)
        {
            Assert.InRange(Gets(id), 2, rounds);
        }

        Assert.Equal(1, Gets(unknown));
    }

    [Fact]
    public void Waiting_shows_each_workloads_phase_and_the_time_waited_as_progress()
    {
        var id = Live("shows-progress", LiveOutcome.Completed, TimeSpan.FromSeconds(3), Long);

        var result = _ps.Run("Wait-RunAiWorkload -Id $id -Phase Running -PollIntervalSec 1 -TimeoutSec 60", Vars(id));

        Assert.Single(result.Output);
        var child = result.Progress.Where(p => p.Activity == "shows-progress").ToList();
        Assert.NotEmpty(child);
        Assert.Matches(@"^Pending, waited [1-9]\d* s$", child[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, child[^1].RecordType);
        var overall = result.Progress.Where(p => p.Activity == "Waiting for 1 workload to be Running").ToList();
        Assert.Matches(@"^0 of 1 done, waited \d+ s$", overall[0].StatusDescription);
        Assert.All(child, p => Assert.Equal(overall[0].ActivityId, p.ParentActivityId));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        Assert.DoesNotContain(result.Progress, p => p.Activity.StartsWith("Listing", StringComparison.Ordinal) || p.Activity == "Wait-RunAiWorkload");
    }

    [Fact]
    public void Follow_streams_every_event_once_in_order_as_it_happens_and_ends_when_the_workload_ends()
    {
        var id = Live("followed", LiveOutcome.Completed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var endsAt = DateTime.UtcNow.AddSeconds(4);

        var result = _ps.Run(
            "Get-RunAiWorkload -Id $id | Get-RunAiWorkloadEvent -Follow -PollIntervalSec 1 | ForEach-Object { [pscustomobject]@{ Id = $_.Id; Reason = $_.Reason; WorkloadId = $_.WorkloadId; WrittenAt = [DateTime]::UtcNow } }",
            Vars(id));

        Assert.Empty(result.Errors);
        var all = _ps.Run("Get-RunAiWorkloadEvent -WorkloadId $id -Ascending", Vars(id));
        Assert.Equal(8, all.Output.Count);
        Assert.Equal(all.All<Guid>("Id"), result.All<Guid>("Id"));
        Assert.All(result.All<Guid>("WorkloadId"), w => Assert.Equal(id, w));
        Assert.Equal("Completed", result.All<string>("Reason").Last());
        Assert.True(result.Get<DateTime>(0, "WrittenAt") < endsAt, "the first events were written only after the workload ended: not streamed");
        Assert.True(Sim.ApiRequests($"/api/v1/workloads/{id}/events").Count >= 3, "followed with too few polls to have seen the events arrive");
    }

    [Fact]
    public void Follow_of_several_piped_workloads_polls_each_once_per_interval_and_ends_with_the_last()
    {
        var ids = new[]
        {
            Live("follow-a", LiveOutcome.Completed, TimeSpan.Zero, TimeSpan.FromSeconds(1)),
            Live("follow-b", LiveOutcome.Failed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
        };
        var clock = Stopwatch.StartNew();

        var result = _ps.Run("Get-RunAiWorkload -Id $ids | Get-RunAiWorkloadEvent -Follow -PollIntervalSec 1 -Verbose", new() { ["ids"] = ids });

        clock.Stop();
        Assert.Empty(result.Errors);
        foreach (var id in ids)
        {
            var mine = result.Output.Where(o => (Guid)o.Properties["WorkloadId"].Value == id).Select(o => (Guid)o.Properties["Id"].Value!).ToList();
            Assert.Equal(_ps.Run("Get-RunAiWorkloadEvent -WorkloadId $id -Ascending", Vars(id)).All<Guid>("Id"), mine);
            Assert.InRange(Sim.ApiRequests($"/api/v1/workloads/{id}/events").Count, 2, (int)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1);
        }

        Assert.Contains(result.Verbose, v => v == $"Workload {ids[1]} is Failed: its events are all written.");
    }

    [Fact]
    public void Follow_stops_quietly_at_its_timeout_while_the_workload_runs()
    {
        var id = Live("runs-long", LiveOutcome.Completed, TimeSpan.Zero, Long);
        var clock = Stopwatch.StartNew();

        var result = _ps.Run("Get-RunAiWorkloadEvent -WorkloadId $id -Follow -PollIntervalSec 1 -TimeoutSec 2 -Verbose", Vars(id));

        clock.Stop();
        Assert.Empty(result.Errors);
        Assert.Equal(6, result.Output.Count);
        Assert.Contains(result.Verbose, v => v == $"Stopped following workload {id} after 2 s (-TimeoutSec).");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Follow_takes_piped_revisions_and_writes_each_ones_events_in_order()
    {
        var inference = Sim.Simulator.Data.Workloads.First(w => w.Type == "Inference" && w.RevisionCount >= 2 && w.DeletedAt is null && w.Phase == "Running");

        var result = _ps.Run("Get-RunAiInferenceRevision -WorkloadId $id | Get-RunAiWorkloadEvent -Follow -PollIntervalSec 1 -TimeoutSec 1", Vars(inference.Id));

        Assert.Empty(result.Errors);
        var revisions = Sim.Simulator.Data.GetRevisionIds(inference.Id);
        foreach (var revision in revisions)
        {
            var listed = _ps.Run("Get-RunAiWorkloadEvent -RevisionId $id -Ascending", Vars(revision)).All<Guid>("Id");
            var followed = result.Output.Where(o => (Guid?)o.Properties["RevisionId"].Value == revision).Select(o => (Guid)o.Properties["Id"].Value!);
            Assert.Equal(listed, followed);
        }

        Assert.Equal(result.Output.Count, result.All<Guid>("Id").Distinct().Count());
        Assert.All(result.All<Guid>("WorkloadId"), w => Assert.Equal(inference.Id, w));
    }

    [Theory]
    [InlineData("Get-RunAiWorkloadEvent -WorkloadId $id -Follow -First 3")]
    [InlineData("Get-RunAiWorkloadEvent -WorkloadId $id -PollIntervalSec 2")]
    public void Watch_parameters_that_contradict_each_other_are_refused_before_any_request(string script)
    {
        var id = Live("refused", LiveOutcome.Completed, TimeSpan.Zero, Long);
        Sim.Simulator.ClearRequests();

        var result = _ps.RunCatching(script, Vars(id));

        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("InvalidArgument,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(Sim.Simulator.Requests);
    }

    [Theory]
    [InlineData("Wait-RunAiWorkload -Id $id -Phase Completed -PollIntervalSec 1")]
    [InlineData("Get-RunAiWorkloadEvent -WorkloadId $id -Follow -PollIntervalSec 1")]
    public void StopProcessing_ends_a_watch_within_a_second_and_the_session_stays_usable(string script)
    {
        var id = Live("stopped", LiveOutcome.Completed, TimeSpan.Zero, Long);
        Sim.Simulator.ClearRequests();
        using var shell = _ps.CreateShell(script, Vars(id));
        var running = shell.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Gets(id) < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20); // polls, bounded by the loop's deadline
        }

        Assert.True(Gets(id) >= 2, "the watch never polled twice");
        Thread.Sleep(300); // room for a wrongly early end: asserting that a watch still waits needs some real time
        Assert.False(running.IsCompleted, "the watch should still be waiting for its next poll");
        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();

        Assert.True(running.IsCompleted);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stop took {clock.Elapsed.TotalMilliseconds} ms");
        var after = _ps.Run("Get-RunAiWorkload -Id $id", Vars(id));
        Assert.Single(after.Output);
    }

    private static Dictionary<string, object?> Vars(Guid id) => new() { ["id"] = id };

    private Guid Live(string name, LiveOutcome outcome, TimeSpan pending, TimeSpan running) =>
        Sim.Simulator.AddLiveWorkload(name, outcome, pending, running);

    /// <summary>Reads of the workload itself (GET /api/v1/workloads/{id}) so far.</summary>
    private int Gets(Guid id) => Sim.Simulator.Requests.Count(r => r.Path == $"/api/v1/workloads/{id}");
}
