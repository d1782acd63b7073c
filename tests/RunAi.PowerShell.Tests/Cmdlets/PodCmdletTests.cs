using System;
using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Get-RunAiPod and Get-RunAiPodCount against the simulator through the real engine.</summary>
[Collection("engine")]
public sealed class PodCmdletTests : EngineTests<SmallSimulatorFixture>
{

    public PodCmdletTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Pods_page_across_several_requests_and_IncludeTotalCount_uses_the_pods_count()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiPod -PageSize 7 -First 20 -IncludeTotalCount -SortBy createdAt -Descending -Verbosity Full", Sim.Ids());
        Assert.Empty(result.Errors);
        var pods = result.Output.Where(o => o.BaseObject.GetType().Name == "Pod").ToList();
        Assert.Equal(20, pods.Count);
        Assert.Equal(20, pods.Select(o => o.Properties["Id"].Value).Distinct().Count());
        Assert.All(pods, o => Assert.NotNull(o.Properties["WorkloadName"].Value));
        var pages = Sim.ApiRequests().Where(r => r.Path == "/api/v1/workloads/pods").ToList();
        Assert.Equal(new[] { "0", "7", "14" }, pages.Select(p => p.Query["offset"].Single()));
        Assert.All(pages, p => Assert.Equal("full", p.Query["verbosity"].Single()));
        Assert.Contains(Sim.ApiRequests(), r => r.Path == "/api/v1/workloads/pods/count");
    }

    [Fact]
    public void The_deprecated_cluster_pods_list_works_and_warns_pointing_to_the_new_form()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiPod -ClusterId $cluster", Sim.Ids());
        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("ClusterPod", o.BaseObject.GetType().Name));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("deprecated", warning, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("-Filter 'clusterId==", warning, StringComparison.Ordinal);
        Assert.Equal($"/v1/k8s/clusters/{Sim.ClusterId}/pods", Sim.ApiRequests().Single().Path);
    }

    [Fact]
    public void Pod_count_is_reachable_and_matches_the_list_total()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiPodCount -Filter \"workloadId==$wid\"", Sim.Ids());
        Assert.Empty(result.Errors);
        Assert.Equal((long)Sim.Simulator.Data.GetPodIds(Sim.WorkloadId).Count, Assert.IsType<long>(Assert.Single(result.Output).BaseObject));
    }
}
