using System;
using System.Linq;
using System.Management.Automation;
using Xunit;
using RunAi.Tests.Servers;

namespace RunAi.PowerShell.Tests;

/// <summary>Invoke-RunAiRestMethod: any path of the API, with paging, query values and bodies as the typed cmdlets send them.</summary>
[Collection("engine")]
public sealed class RestMethodCmdletTests : EngineTests<SmallSimulatorFixture>
{

    public RestMethodCmdletTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Invoke_RunAiRestMethod_returns_objects_and_All_follows_next_streaming_the_items()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var count = ps.Run("Invoke-RunAiRestMethod -Path 'api/v1/workloads/count' -Query @{ filterBy = 'phase==Running' }");
        Assert.Empty(count.Errors);
        Assert.IsType<long>(Assert.Single(count.Output).Properties["count"].Value);
        Assert.Equal("phase==Running", Sim.ApiRequests().Single().Query["filterBy"].Single());

        Sim.Simulator.ClearRequests();
        var all = ps.Run("Invoke-RunAiRestMethod -Path '/api/v1/workloads' -All -ItemsProperty workloads -PageSize 50 -Query @{ sortBy = 'name'; offset = 7 }");
        Assert.Empty(all.Errors);
        var pages = Sim.ApiRequests().Where(r => r.Path == "/api/v1/workloads").ToList();
        Assert.True(pages.Count >= 3, "expected several pages");
        Assert.Equal(Enumerable.Range(0, pages.Count).Select(k => (k * 50).ToString(System.Globalization.CultureInfo.InvariantCulture)), pages.OrderBy(p => p.Offset()).Select(p => p.Query["offset"].Single())); // read ahead: any order
        Assert.True(all.Output.Count > 100);
        Assert.Equal(all.Output.Count, all.Output.Select(o => o.Properties["id"].Value).Distinct().Count());
        Assert.All(pages, p => Assert.Equal("name", p.Query["sortBy"].Single()));

    }

    [Fact]
    public void Invoke_RunAiRestMethod_sends_an_array_query_value_as_the_typed_cmdlets_do_one_comma_separated_value()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var typed = ps.Run("Get-RunAiWorkload -Phase Running -Type Training -IncludeTotalCount -First 0");
        var generic = ps.Run("Invoke-RunAiRestMethod -Path 'api/v1/workloads/count' -Query @{ filterBy = @('phase==Running', 'type==Training') }");

        Assert.Empty(typed.Errors);
        Assert.Empty(generic.Errors);
        var counts = Sim.ApiRequests().Where(r => r.Path == "/api/v1/workloads/count").ToList();
        Assert.Equal(2, counts.Count);
        Assert.Equal("phase==Running,type==Training", Assert.Single(counts[1].Query["filterBy"]));
        Assert.Equal(counts[0].QueryString, counts[1].QueryString);
    }

    [Fact]
    public void Invoke_RunAiRestMethod_reaches_the_cluster_monitor_and_reads_its_errors_clearly()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var latest = ps.Run("Invoke-RunAiRestMethod -Path '/v0/cluster/events/latest' -Query @{ selector = 'all_healthy' }");
        Assert.Empty(latest.Errors);
        var monitor = Assert.Single(latest.Output);
        Assert.NotNull(monitor.Properties["all_healthy"]);
        var sent = Sim.ApiRequests().Single();
        Assert.Equal("/v0/cluster/events/latest", sent.Path);
        Assert.Equal("all_healthy", sent.Query["selector"].Single());

        var missing = ps.Run("Invoke-RunAiRestMethod -Path \"v0/cluster/events/$([guid]::NewGuid())\"");
        var error = Assert.Single(missing.Errors);
        Assert.StartsWith("NotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("not found", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("72 hours", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal("event_not_found", error.Exception.GetType().GetProperty("ErrorCode")?.GetValue(error.Exception));
    }

    [Fact]
    public void Invoke_RunAiRestMethod_sends_an_object_body_as_JSON_and_a_string_body_as_is()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        ps.Run("Invoke-RunAiRestMethod -Method POST -Path 'api/v1/echo' -Body @{ name = 'a'; gpus = 2; tags = @('x', 'y'); spec = [pscustomobject]@{ on = $true } }");
        ps.Run("Invoke-RunAiRestMethod -Method PUT -Path 'api/v1/echo' -Body '{\"raw\":1}'");
        var bodies = Sim.ApiRequests().Where(r => r.Path == "/api/v1/echo").ToList();
        Assert.Equal(new[] { "POST", "PUT" }, bodies.Select(b => b.Method));
        using var json = System.Text.Json.JsonDocument.Parse(bodies[0].Body!);
        Assert.Equal("a", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("gpus").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("tags").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("spec").GetProperty("on").GetBoolean());
        Assert.Equal("{\"raw\":1}", bodies[1].Body);
    }
}
