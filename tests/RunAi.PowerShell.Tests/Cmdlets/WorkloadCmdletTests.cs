using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Xunit;
using RunAi.Tests.Servers;

namespace RunAi.PowerShell.Tests;

[Collection("engine")]
public sealed class WorkloadCmdletTests : EngineTests<SimulatorFixture>
{
    private readonly PowerShellSession _ps;

    public WorkloadCmdletTests(SimulatorFixture sim)
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
    public void Listing_2345_workloads_at_page_size_100_streams_every_one_once_in_order()
    {
        var result = _ps.Run("Get-RunAiWorkload -PageSize 100");

        Assert.Empty(result.Errors);
        var ids = result.All<Guid>("Id").ToList();
        var expected = Enumerable.Range(0, Sim.Simulator.Data.WorkloadCount)
            .Where(i => !Sim.Simulator.Data.IsDeleted(i))
            .Select(i => Sim.Simulator.Data.GetWorkloadId(i)).ToList();
        Assert.Equal(expected, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Every page once; reading ahead may have asked for up to two pages past the end (the client reads up to three pages ahead).
        var pages = Sim.ApiRequests("/api/v1/workloads").Where(r => r.Path == "/api/v1/workloads").ToList();
        var offsets = pages.Select(p => p.Offset()).OrderBy(o => o).ToList();
        Assert.Equal(Enumerable.Range(0, (expected.Count + 99) / 100).Select(i => i * 100L), offsets.Where(o => o < expected.Count));
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.InRange(offsets.Count - offsets.Count(o => o < expected.Count), 0, 2);
        Assert.All(pages, p => Assert.Equal("100", p.Query["limit"].Single()));
    }

    [Fact]
    public void Workloads_are_typed_objects_with_the_default_view()
    {
        var result = _ps.Run("Get-RunAiWorkload -First 2");

        Assert.Equal(2, result.Output.Count);
        Assert.Equal("RunAi.Client.Models.Workload", result.Output[0].TypeNames[0]);
        Assert.IsType<Guid>(result.Output[0].Properties["Id"].Value);
        Assert.IsType<DateTimeOffset>(result.Output[0].Properties["CreatedAt"].Value);
        var views = _ps.Run("(Get-Module RunAi).ExportedFormatFiles");
        Assert.Single(views.Output);
    }

    [Fact]
    public void First_3_makes_one_request_for_exactly_3()
    {
        var result = _ps.Run("Get-RunAiWorkload -First 3");

        Assert.Equal(3, result.Output.Count);
        var request = Assert.Single(Sim.ApiRequests("/api/v1/workloads"));
        Assert.Equal("3", request.Query["limit"].Single());
        Assert.Equal("0", request.Query["offset"].Single());
    }

    [Fact]
    public void Skip_becomes_the_offset_and_the_last_request_asks_only_for_what_is_needed()
    {
        var result = _ps.Run("Get-RunAiWorkload -Skip 10 -First 250 -PageSize 100");

        Assert.Equal(250, result.Output.Count);
        // Pages are read ahead, so the requests may arrive in any order.
        var requests = Sim.ApiRequests("/api/v1/workloads").OrderBy(r => r.Offset()).ToList();
        Assert.Equal(new[] { "10", "110", "210" }, requests.Select(r => r.Query["offset"].Single()));
        Assert.Equal(new[] { "100", "100", "50" }, requests.Select(r => r.Query["limit"].Single()));
    }

    [Fact]
    public void Filters_search_and_sorting_reach_the_server()
    {
        var result = _ps.Run("Get-RunAiWorkload -Phase Failed -Type Training -ProjectName 'team-*' -Search job -SortBy createdAt -Descending -Filter 'allocatedGPU>=0' -First 5");

        Assert.Empty(result.Errors);
        var request = Sim.ApiRequests("/api/v1/workloads").First();
        var filters = request.Query["filterBy"].Single().Split(',');
        Assert.Contains("phase==Failed", filters);
        Assert.Contains("type==Training", filters);
        Assert.Contains("projectName=^team-", filters);
        Assert.Contains("allocatedGPU>=0", filters);
        Assert.Equal("createdAt", request.Query["sortBy"].Single());
        Assert.Equal("desc", request.Query["sortOrder"].Single());
        Assert.Equal("job", request.Query["search"].Single());
        Assert.All(result.Output, w => Assert.Equal("Failed", w.Properties["Phase"].Value));
        var created = result.All<DateTimeOffset>("CreatedAt").ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
    }

    [Fact]
    public void Name_wildcards_the_server_cannot_express_are_matched_here()
    {
        var name = Sim.Simulator.Data.GetWorkloadName(7);
        var pattern = name.Substring(0, 3) + "*" + name.Substring(name.Length - 2);
        var result = _ps.Run($"Get-RunAiWorkload -Name '{pattern}'");

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
        Assert.All(result.All<string>("Name"), n => Assert.True(wildcard.IsMatch(n), n));
        Assert.Contains(name, result.All<string>("Name"));
    }

    [Fact]
    public void IncludeTotalCount_uses_the_count_endpoint()
    {
        var result = _ps.Run("Get-RunAiWorkload -Phase Running -First 1 -IncludeTotalCount");

        Assert.Empty(result.Errors);
        var count = Sim.ApiRequests("/api/v1/workloads/count").Single();
        Assert.Equal("phase==Running", count.Query["filterBy"].Single());
        Assert.Equal(2, result.Output.Count);
        Assert.Equal((ulong)Sim.WorkloadIdsInPhase("Running").Count, result.Output[0].BaseObject);
    }

    [Fact]
    public void A_missing_id_among_several_is_a_non_terminating_ObjectNotFound_and_the_others_come_out()
    {
        var ids = Sim.Simulator.Data.WorkloadIds.Take(2).ToList();
        var missing = Guid.NewGuid();
        var result = _ps.Run($"Get-RunAiWorkload -Id {ids[0]},{missing},{ids[1]}");

        Assert.Equal(ids, result.All<Guid>("Id"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.StartsWith("NotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(missing, error.TargetObject);
    }

    [Fact]
    public void An_id_typed_where_a_name_goes_gets_that_workload()
    {
        var id = Sim.Simulator.Data.WorkloadIds[0];
        var result = _ps.Run($"Get-RunAiWorkload '{id}'");

        Assert.Empty(result.Errors);
        Assert.Equal(id, Assert.Single(result.Output).Properties["Id"].Value);
    }

    [Fact]
    public void Ids_bind_from_the_pipeline_by_property_name()
    {
        var result = _ps.Run("Get-RunAiWorkload -First 2 | Get-RunAiWorkload");

        Assert.Equal(2, result.Output.Count);
        Assert.Equal("RunAi.Client.Models.WorkloadDetailed", result.Output[0].TypeNames[0]);
    }
}
