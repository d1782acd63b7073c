using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// List parameters the API would misread are refused before anything is sent: a comma inside a filter value (filterBy
/// is one comma-separated list) and offsets past the API's int32.
/// </summary>
[Collection("engine")]
public sealed class ListInputRefusalTests : EngineTests<SimulatorFixture>
{

    public ListInputRefusalTests(SimulatorFixture sim)
        : base(sim)
    {
    }

    public static TheoryData<string, string> CommaInFilters => new()
    {
        { "Get-RunAiWorkload -Name 'a,b'", "a,b" },
        { "Get-RunAiWorkload -Name '*a,b*'", "*a,b*" },
        { "Get-RunAiWorkload -ProjectName 'team-a,team-b'", "team-a,team-b" },
        { "Get-RunAiWorkload -Type 'Training,Inference'", "Training,Inference" },
        { "Get-RunAiWorkload -Filter 'name==a,b'", "name==a,b" },
        { "Get-RunAiWorkload -Filter 'phase==Running', 'name==a,b' -IncludeTotalCount", "name==a,b" },
        { "Get-RunAiPod -Filter 'nodeName==node-1,node-2'", "nodeName==node-1,node-2" },
        { "Get-RunAiPodCount -Filter 'nodeName==node-1,node-2'", "nodeName==node-1,node-2" },
        { "Invoke-RunAiRestMethod -Path 'api/v1/workloads/count' -Query @{ filterBy = @('phase==Running', 'name==a,b') }", "name==a,b" },
        { "Invoke-RunAiRestMethod -Path 'api/v1/workloads' -All -Query @{ filterBy = @('name==a,b') }", "name==a,b" },
    };

    public static TheoryData<string, string> OffsetsPastInt32 => new()
    {
        { "Get-RunAiWorkload -Skip 3000000000", "3000000000" },
        { "Get-RunAiWorkload -Name 'train-*-gpu' -Skip 3000000000", "3000000000" },
        { "Get-RunAiWorkload -Skip 2147483000 -First 1000", "2147483000" },
        { "Get-RunAiPod -Skip 3000000000", "3000000000" },
        { "Get-RunAiPod -WorkloadId $wid -Skip 3000000000", "3000000000" },
        { "Get-RunAiWorkloadEvent -WorkloadId $wid -Skip 3000000000", "3000000000" },
        { "Get-RunAiWorkloadHistory -WorkloadId $wid -Skip 3000000000", "3000000000" },
        { "Get-RunAiWorkloadElement -WorkloadId $wid -Skip 3000000000", "3000000000" },
    };

    [Theory]
    [MemberData(nameof(CommaInFilters))]
    public void A_comma_inside_a_filter_value_is_refused_before_anything_is_sent(string script, string value)
    {
        var error = RefusedWithoutRequest(script);

        Assert.Equal(value, Target(error));
        Assert.Contains("comma", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OffsetsPastInt32))]
    public void An_offset_past_the_APIs_int32_is_refused_before_anything_is_sent(string script, string skip)
    {
        var error = RefusedWithoutRequest(script);

        Assert.Equal(skip, Target(error));
        Assert.Contains("2147483647", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_offset_the_API_takes_is_sent()
    {
        using var ps = Sim.Connected();
        Sim.Simulator.ClearRequests();

        var result = ps.Run("Get-RunAiWorkload -Skip 2147483647 -First 1");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal("2147483647", Sim.ApiRequests("/api/v1/workloads").Single().Query["offset"].Single());
    }

    private ErrorRecord RefusedWithoutRequest(string script)
    {
        using var ps = Sim.Connected();
        Sim.Simulator.ClearRequests();

        var result = ps.RunCatching(script, new Dictionary<string, object?> { ["wid"] = Sim.Simulator.Data.GetWorkloadId(0) });

        Assert.Empty(result.Output);
        var error = Assert.Single(result.AllErrors);
        Assert.True(error.FullyQualifiedErrorId.StartsWith("InvalidArgument,", StringComparison.Ordinal), error.FullyQualifiedErrorId + ": " + error);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(Sim.Simulator.Requests);
        return error;
    }

    private static string? Target(ErrorRecord error) => (error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject)?.ToString();
}
