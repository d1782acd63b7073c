using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>One simulator per coverage test class, with the ids the tests pipe around.</summary>
public sealed class CoverageSimulator : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    /// <summary>An active workload with pods.</summary>
    public Guid WorkloadId { get; private set; }

    /// <summary>An inference workload with revisions.</summary>
    public Guid InferenceWorkloadId { get; private set; }

    public Guid RevisionId { get; private set; }

    public Guid PodId { get; private set; }

    public Guid ClusterId { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 400, Seed = 11 });
        var data = Host.Data;
        var active = Enumerable.Range(0, data.WorkloadCount).Where(i => !data.IsDeleted(i)).Select(data.GetWorkloadId).ToList();
        WorkloadId = active.First(id => data.GetPodIds(id).Count >= 2);
        PodId = data.GetPodIds(WorkloadId)[0];
        InferenceWorkloadId = active.First(id => data.GetRevisionIds(id).Count >= 2);
        RevisionId = data.GetRevisionIds(InferenceWorkloadId)[0];
        ClusterId = data.ClusterIds[0];
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A runspace with the module imported and connected to the simulator; the connection's own request is forgotten.</summary>
    public PowerShellSession Connect()
    {
        var ps = new PowerShellSession();
        var connect = ps.Run($"Connect-RunAi -BaseUri '{Host.BaseUri}' -Token '{Host.Options.StaticToken}'");
        Assert.Empty(connect.Errors);
        Host.ClearRequests();
        return ps;
    }

    public Dictionary<string, object?> Ids() => new()
    {
        ["wid"] = WorkloadId,
        ["inf"] = InferenceWorkloadId,
        ["rev"] = RevisionId,
        ["pod"] = PodId,
        ["cluster"] = ClusterId,
        ["heavy"] = Host.Data.ElementsHeavyWorkloadId,
    };

    /// <summary>API requests (the token endpoint aside) the simulator saw since the last clear.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests() =>
        Host.Requests.Where(r => !r.Path.EndsWith("/token", StringComparison.Ordinal)).ToList();
}
