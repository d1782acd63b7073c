using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// A simulator on a free loopback port for one test class (2,345 workloads); stopped when the class is done.
/// Subclasses change only the data size or the start options.
/// </summary>
public class SimulatorFixture : IAsyncLifetime
{
    private SampleIds? _samples;

    public SimulatorHost Simulator { get; private set; } = null!;

    public Uri BaseUri => Simulator.BaseUri;

    public string Token => Simulator.Options.StaticToken;

    /// <summary>An active workload with at least two pods.</summary>
    public Guid WorkloadId => Samples.WorkloadId;

    /// <summary>An inference workload with at least two revisions.</summary>
    public Guid InferenceWorkloadId => Samples.InferenceWorkloadId;

    public Guid RevisionId => Samples.RevisionId;

    public Guid PodId => Samples.PodId;

    public Guid ClusterId => Samples.ClusterId;

    protected virtual SimulatorOptions StartOptions => new() { WorkloadCount = 2345 };

    private SampleIds Samples => _samples ??= SampleIds.Pick(Simulator.Data);

    public virtual async Task InitializeAsync() => await StartAsync(StartOptions);

    public virtual async Task DisposeAsync() => await Simulator.DisposeAsync();

    /// <summary>Resets every fault knob and the request log between tests.</summary>
    public void Reset() => Simulator.ResetKnobs();

    public IReadOnlyList<RecordedRequest> ApiRequests(string pathPrefix) =>
        Simulator.Requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>API requests (the token endpoint aside) the simulator saw since the last clear.</summary>
    public IReadOnlyList<RecordedRequest> ApiRequests() =>
        Simulator.Requests.Where(r => !r.Path.EndsWith("/token", StringComparison.Ordinal)).ToList();

    /// <summary>Ids of listed (not deleted) workloads in the given phase.</summary>
    public IReadOnlyList<Guid> WorkloadIdsInPhase(string phase) =>
        Enumerable.Range(0, Simulator.Data.WorkloadCount)
            .Where(i => !Simulator.Data.IsDeleted(i) && Simulator.Data.GetWorkloadPhase(i) == phase)
            .Select(i => Simulator.Data.GetWorkloadId(i))
            .ToList();

    /// <summary>The ids tests pipe around, as script variables: $wid, $inf, $rev, $pod, $cluster, $heavy.</summary>
    public Dictionary<string, object?> Ids() => new()
    {
        ["wid"] = WorkloadId,
        ["inf"] = InferenceWorkloadId,
        ["rev"] = RevisionId,
        ["pod"] = PodId,
        ["cluster"] = ClusterId,
        ["heavy"] = Simulator.Data.ElementsHeavyWorkloadId,
    };

    /// <summary>A session connected with the static token.</summary>
    public PowerShellSession Connected(string extra = "")
    {
        var ps = new PowerShellSession();
        ps.Run($"Connect-RunAi -BaseUri '{BaseUri}' -Token '{Token}' {extra}".TrimEnd());
        return ps;
    }

    /// <summary>A session connected with the static token; the connection must succeed, and its own requests are forgotten.</summary>
    public PowerShellSession ConnectedWithEmptyLog()
    {
        var ps = new PowerShellSession();
        var connect = ps.Run($"Connect-RunAi -BaseUri '{BaseUri}' -Token '{Token}'");
        Assert.Empty(connect.Errors);
        Simulator.ClearRequests();
        return ps;
    }

    /// <summary>Gets an access token from the simulator's token endpoint, as a user would with their own tooling.</summary>
    public async Task<string> IssueTokenAsync()
    {
        using var http = new HttpClient { BaseAddress = Simulator.BaseUri };
        var body = JsonSerializer.Serialize(new { grantType = "client_credentials", clientId = Simulator.Options.ClientId, clientSecret = Simulator.Options.ClientSecret });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/v1/token", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Starts the simulator with options of a derived fixture's choosing.</summary>
    protected async Task StartAsync(SimulatorOptions options)
    {
        Simulator = await SimulatorHost.StartAsync(options);
        _samples = null;
    }

    private sealed record SampleIds(Guid WorkloadId, Guid PodId, Guid InferenceWorkloadId, Guid RevisionId, Guid ClusterId)
    {
        public static SampleIds Pick(SimulatorData data)
        {
            var active = Enumerable.Range(0, data.WorkloadCount).Where(i => !data.IsDeleted(i)).Select(data.GetWorkloadId).ToList();
            var workload = active.First(id => data.GetPodIds(id).Count >= 2);
            var inference = active.First(id => data.GetRevisionIds(id).Count >= 2);
            return new SampleIds(workload, data.GetPodIds(workload)[0], inference, data.GetRevisionIds(inference)[0], data.ClusterIds[0]);
        }
    }
}

/// <summary>400 workloads (seed 11): listings of everything (-All, a cluster's pods) stay a few pages long.</summary>
public sealed class SmallSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions StartOptions => new() { WorkloadCount = 400, Seed = 11 };
}

/// <summary>300 workloads, plus a second simulator that serves HTTPS with a self-signed certificate.</summary>
public sealed class WithTlsSimulatorFixture : SimulatorFixture
{
    private static readonly Lazy<string> Huge = new(() => "{\"workloads\":[],\"pad\":\"" + new string('x', 65 * 1024 * 1024) + "\"}");

    public SimulatorHost Tls { get; private set; } = null!;

    /// <summary>A body just over the client's 64 MiB cap.</summary>
    public static string HugeBody => Huge.Value;

    protected override SimulatorOptions StartOptions => new() { WorkloadCount = 300 };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Tls = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 10, UseHttps = true });
    }

    public override async Task DisposeAsync()
    {
        await Tls.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>A simulator whose default list holds exactly 20,000 workloads (deleted ones excluded).</summary>
public sealed class TwentyThousandWorkloadsFixture : SimulatorFixture
{
    public const int Listed = 20_000;

    private static readonly DateTimeOffset Reference = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public override async Task InitializeAsync()
    {
        // Deletion is decided per index, so a probe tells how many generated workloads give exactly 20,000 listed ones.
        int count;
        await using (var probe = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = Listed * 6 / 5, ReferenceTime = Reference }))
        {
            var active = Enumerable.Range(0, probe.Data.WorkloadCount).Where(i => !probe.Data.IsDeleted(i)).ToList();
            Assert.True(active.Count >= Listed, $"the probe listed only {active.Count}");
            count = active[Listed - 1] + 1;
        }

        await StartAsync(new SimulatorOptions { WorkloadCount = count, ReferenceTime = Reference });
    }
}

/// <summary>A simulator with few generated workloads; each watch test adds the live workloads it waits on, with its own timing.</summary>
public sealed class LiveSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions StartOptions => new() { WorkloadCount = 100 };
}
