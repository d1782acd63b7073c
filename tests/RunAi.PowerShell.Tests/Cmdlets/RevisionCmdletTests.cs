using System;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Get-RunAiInferenceRevision and Get-RunAiInferenceRevisionCount, and what revisions pipe into.</summary>
[Collection("engine")]
public sealed class RevisionCmdletTests : EngineTests<SmallSimulatorFixture>
{

    public RevisionCmdletTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Revisions_pipe_from_a_workload_and_into_events_history_and_pods()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var revisions = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiInferenceRevision", Sim.Ids());
        Assert.Empty(revisions.Errors);
        Assert.NotEmpty(revisions.Output);
        Assert.All(revisions.Output, o => Assert.Contains((Guid)o.Properties["Id"].Value, Sim.Simulator.Data.GetRevisionIds(Sim.InferenceWorkloadId)));
        Assert.All(revisions.Output, o => Assert.Equal("Revision", o.BaseObject.GetType().Name));

        Sim.Simulator.ClearRequests();
        var events = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiWorkloadEvent -First 3", Sim.Ids());
        Assert.Empty(events.Errors);
        Assert.NotEmpty(events.Output);
        Assert.All(events.Output, o => Assert.Equal(Sim.RevisionId, (Guid?)o.Properties["RevisionId"].Value));
        Assert.Contains(Sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{Sim.RevisionId}/events");
        Assert.DoesNotContain(Sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/{Sim.InferenceWorkloadId}/events");

        Sim.Simulator.ClearRequests();
        var history = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiWorkloadHistory -First 3", Sim.Ids());
        Assert.Empty(history.Errors);
        Assert.All(history.Output, o => Assert.Equal(Sim.RevisionId, (Guid?)o.Properties["RevisionId"].Value));
        Assert.Contains(Sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{Sim.RevisionId}/history");

        Sim.Simulator.ClearRequests();
        var pods = ps.Run("Get-RunAiInferenceRevision -RevisionId $rev | Get-RunAiPod", Sim.Ids());
        Assert.Empty(pods.Errors);
        Assert.Contains(Sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/inferences/revisions/{Sim.RevisionId}/pods");
        Assert.All(pods.Output, o => Assert.Equal("Pod", o.BaseObject.GetType().Name));

        var count = ps.Run("Get-RunAiWorkload -Id $inf | Get-RunAiInferenceRevisionCount", Sim.Ids());
        Assert.Equal((long)revisions.Output.Count, Assert.IsType<long>(Assert.Single(count.Output).BaseObject));
    }
}
