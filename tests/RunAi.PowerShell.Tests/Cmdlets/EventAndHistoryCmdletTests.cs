using System;
using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Get-RunAiWorkloadEvent and Get-RunAiWorkloadHistory, of workloads and of inference revisions.</summary>
[Collection("engine")]
public sealed class EventAndHistoryCmdletTests : EngineTests<SmallSimulatorFixture>
{
    private readonly PowerShellSession _ps;

    public EventAndHistoryCmdletTests(SmallSimulatorFixture sim)
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
    public void Failed_workloads_pipe_into_their_events()
    {
        var failed = Sim.WorkloadIdsInPhase("Failed").Take(3).ToList();
        var result = _ps.Run("Get-RunAiWorkload -Phase Failed -First 3 | Get-RunAiWorkloadEvent");

        Assert.Empty(result.Errors);
        var expectedCount = failed.Sum(id => Sim.Simulator.Data.GetEventCount(id));
        Assert.Equal(expectedCount, result.Output.Count);
        Assert.Equal(failed, result.All<Guid>("WorkloadId").Distinct());
        Assert.All(result.Output, e => Assert.Equal("RunAi.Client.Models.WorkloadEvent", e.TypeNames[0]));
        Assert.Equal(3, Sim.ApiRequests("/api/v1/workloads/").Count(r => r.Path.EndsWith("/events", StringComparison.Ordinal)));
    }

    [Fact]
    public void Events_are_newest_first_unless_ascending_is_asked()
    {
        var id = Sim.WorkloadIdsInPhase("Running").First();
        var newest = _ps.Run($"Get-RunAiWorkloadEvent -WorkloadId {id}").All<DateTimeOffset>("CreatedAt").ToList();
        var oldest = _ps.Run($"Get-RunAiWorkloadEvent -WorkloadId {id} -Ascending").All<DateTimeOffset>("CreatedAt").ToList();

        Assert.Equal(newest.OrderByDescending(t => t), newest);
        Assert.Equal(oldest.OrderBy(t => t), oldest);
        Assert.Contains(Sim.Simulator.Requests, r => r.Path.EndsWith("/events", StringComparison.Ordinal) && r.Query.TryGetValue("sortOrder", out var v) && v.Single() == "asc");
    }

    [Fact]
    public void History_pipes_from_workloads_and_carries_the_workload_id()
    {
        var result = _ps.Run("Get-RunAiWorkload -First 2 | Get-RunAiWorkloadHistory");

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.Equal(2, result.All<Guid>("WorkloadId").Distinct().Count());
        Assert.All(result.Output, r => Assert.Contains(r.Properties["RecordType"].Value as string, new[] { "Event", "PhaseUpdate" }));
    }

    [Theory]
    [InlineData("Get-RunAiWorkloadEvent")]
    [InlineData("Get-RunAiWorkloadHistory")]
    public void Events_and_history_of_piped_revisions_carry_each_revisions_WorkloadId(string cmdlet)
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var revisionIds = Sim.Simulator.Data.GetRevisionIds(Sim.InferenceWorkloadId);

        var result = ps.Run($"Get-RunAiInferenceRevision -WorkloadId $inf | {cmdlet} -First 2", Sim.Ids());

        Assert.Empty(result.Errors);
        Assert.True(result.Output.Count >= 2, $"only {result.Output.Count} items");
        Assert.All(result.Output, o => Assert.Equal(Sim.InferenceWorkloadId, (Guid?)o.Properties["WorkloadId"].Value));
        Assert.All(result.Output, o => Assert.Contains((Guid)o.Properties["RevisionId"].Value!, revisionIds));
        Assert.All(Sim.ApiRequests().Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal) || r.Path.EndsWith("/history", StringComparison.Ordinal)),
            r => Assert.StartsWith("/api/v1/workloads/inferences/revisions/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_workload_object_still_binds_to_WorkloadId_not_RevisionId()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiWorkloadEvent -First 2; Get-RunAiWorkload -Id $wid | Get-RunAiWorkloadHistory -First 2; Get-RunAiWorkload -Id $wid | Get-RunAiPod -First 1", Sim.Ids());
        Assert.Empty(result.Errors);
        var paths = Sim.ApiRequests().Select(r => r.Path).ToList();
        Assert.Contains($"/api/v1/workloads/{Sim.InferenceWorkloadId}/events", paths);
        Assert.Contains($"/api/v1/workloads/{Sim.WorkloadId}/history", paths);
        Assert.Contains($"/api/v1/workloads/{Sim.WorkloadId}/pods", paths);
        Assert.DoesNotContain(paths, p => p.Contains("/revisions/", StringComparison.Ordinal));
    }
}
