using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>The parts of a workload: Get-RunAiWorkloadEndpoint, Get-RunAiWorkloadElement and Get-RunAiWorkloadElementCount.</summary>
[Collection("engine")]
public sealed class WorkloadPartCmdletTests : EngineTests<SmallSimulatorFixture>
{

    public WorkloadPartCmdletTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Endpoints_pipe_from_a_workload_and_a_missing_workload_is_a_not_found_error_for_that_id()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiWorkload -Id $wid | Get-RunAiWorkloadEndpoint; Get-RunAiWorkloadEndpoint -WorkloadId ([guid]'00000000-0000-0000-0000-0000000000ab')", Sim.Ids());
        Assert.All(result.Output, o => Assert.Equal(Sim.WorkloadId, (Guid?)o.Properties["WorkloadId"].Value));
        Assert.Contains(Sim.ApiRequests(), r => r.Path == $"/api/v1/workloads/{Sim.WorkloadId}/endpoints" && r.StatusCode == 200);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-0000000000ab"), error.TargetObject);
    }

    [Fact]
    public void Elements_stream_across_pages_and_IncludeTotalCount_uses_the_elements_count()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiWorkloadElement -WorkloadId $heavy -PageSize 5 -First 12 -IncludeTotalCount", Sim.Ids());
        Assert.Empty(result.Errors);
        var elements = result.Output.Where(o => o.BaseObject.GetType().Name == "WorkloadElement").ToList();
        Assert.Equal(12, elements.Count);
        Assert.Equal(12, elements.Select(o => o.Properties["Id"].Value).Distinct().Count());
        var pages = Sim.ApiRequests().Where(r => r.Path.EndsWith("/elements", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { "0", "5", "10" }, pages.Select(p => p.Query["offset"].Single()));
        Assert.Equal("2", pages[2].Query["limit"].Single());
        Assert.Contains(Sim.ApiRequests(), r => r.Path.EndsWith("/elements/count", StringComparison.Ordinal));
        var total = result.Output.Single(o => o.BaseObject.GetType().Name != "WorkloadElement");
        Assert.Contains(Sim.Simulator.Data.GetElementCount(Sim.Simulator.Data.ElementsHeavyWorkloadId).ToString(System.Globalization.CultureInfo.InvariantCulture), total.BaseObject.ToString(), StringComparison.Ordinal);

        var count = ps.Run("Get-RunAiWorkloadElementCount -WorkloadId $heavy", Sim.Ids());
        Assert.Equal(Sim.Simulator.Data.GetElementCount(Sim.Simulator.Data.ElementsHeavyWorkloadId), count.Get<long>(0, "StoredElementsCount"));
    }
}
