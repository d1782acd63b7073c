using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>A simulator on a free loopback port for one test class; stopped when the class is done.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    protected virtual int WorkloadCount => 2345;

    public SimulatorHost Simulator { get; private set; } = null!;

    public Uri BaseUri => Simulator.BaseUri;

    public string Token => Simulator.Options.StaticToken;

    public async Task InitializeAsync() => Simulator = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = WorkloadCount });

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    /// <summary>Starts the simulator with options of a derived fixture's choosing.</summary>
    protected async Task StartAsync(SimulatorOptions options) => Simulator = await SimulatorHost.StartAsync(options);

    /// <summary>Resets every fault knob and the request log between tests.</summary>
    public void Reset() => Simulator.ResetKnobs();

    public IReadOnlyList<RecordedRequest> ApiRequests(string pathPrefix) =>
        Simulator.Requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>Ids of listed (not deleted) workloads in the given phase.</summary>
    public IReadOnlyList<Guid> WorkloadIdsInPhase(string phase) =>
        Enumerable.Range(0, Simulator.Data.WorkloadCount)
            .Where(i => !Simulator.Data.IsDeleted(i) && Simulator.Data.GetWorkloadPhase(i) == phase)
            .Select(i => Simulator.Data.GetWorkloadId(i))
            .ToList();

    /// <summary>A session connected with the static token.</summary>
    public PowerShellSession Connected(string extra = "")
    {
        var ps = new PowerShellSession();
        ps.Run($"Connect-RunAi -BaseUri '{BaseUri}' -Token '{Token}' {extra}".TrimEnd());
        return ps;
    }
}
