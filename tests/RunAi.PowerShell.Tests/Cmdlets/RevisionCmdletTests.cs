using System;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Get-RunAiInferenceRevision and Get-RunAiInferenceRevisionCount, and what revisions pipe into.</summary>
[Collection("engine")]
public sealed class RevisionCmdletTests : IClassFixture<SmallSimulatorFixture>
{
    private readonly SmallSimulatorFixture _sim;

    public RevisionCmdletTests(SmallSimulatorFixture sim) => _sim = sim;

    [Fact]
    public void Revisions_pipe_from_a_workload_and_into_events_history_and_pods()
    {
        using var ps = _sim.ConnectedWithEmptyLog();
        var revisions = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiInferenceRevision", _sim.Ids());
        Assert.Empty(revisions.Errors);
        Assert.NotEmpty(revisions.Output);
        Assert.All(revisions.Output, o => Assert.Contains((Guid)o.Properties["Id"].Value, _sim.Simulator.Data.GetRevisionIds(_sim.InferenceWorkloadId)));
        Assert.All(revisions.Output, o => Assert.Equal("Revision", o.BaseObject.GetType().Name));

        _sim.Simulator.ClearRequests();
        var events = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiWorkloadEvent -First 3", _sim.Ids());
        Assert.Empty(events.Errors);
        Assert.NotEmpty(events.Output);
        Assert.All(events.Output, o => Assert.Equal(_sim.RevisionId, (Guid?)o.Properties["RevisionId"].Value));
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{_sim.RevisionId}/events");
        Assert.DoesNotContain(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/{_sim.InferenceWorkloadId}/events");

        _sim.Simulator.ClearRequests();
        var history = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiWorkloadHistory -First 3", _sim.Ids());
        Assert.Empty(history.Errors);
        Assert.All(history.Output, o => Assert.Equal(_sim.RevisionId, (Guid?)o.Properties["RevisionId"].Value));
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{_sim.RevisionId}/history");

        _sim.Simulator.ClearRequests();
        var pods = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiPod", _sim.Ids());
        Assert.Empty(pods.Errors);
        Assert.Contains(_sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{_sim.RevisionId}/pods");
        Assert.All(pods.Output, o => Assert.Equal("Pod", o.BaseObject.GetType().Name));

        var count = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiInferenceRevisionCount", _sim.Ids());
        Assert.Equal((long)revisions.Output.Count, Assert.IsType<long>(Assert.Single(count.Output).BaseObject));
    }
}
