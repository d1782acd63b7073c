using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Input as scripts give it: plain ids piped by value (a Guid, or a string from a file), and parameters that cannot
/// apply refused before anything is sent instead of quietly ignored.
/// </summary>
[Collection("engine")]
public sealed class PipelineInputTests : EngineTests<SmallSimulatorFixture>
{

    public PipelineInputTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Theory]
    [InlineData("$wid, $inf | Get-RunAiWorkload", 2)]
    [InlineData("\"$wid\", \"$inf\" | Get-RunAiWorkload", 2)]
    [InlineData("\"$wid\" | Get-RunAiWorkloadHistory -First 1", 1)]
    [InlineData("$wid | Get-RunAiWorkloadEvent -First 1", 1)]
    [InlineData("\"$wid\" | Get-RunAiWorkloadEvent -First 1", 1)]
    [InlineData("\"$inf\" | Get-RunAiInferenceRevision", 1)]
    [InlineData("\"$wid\" | Get-RunAiWorkloadElementCount", 1)]
    public void Plain_ids_piped_by_value_bind_as_workload_ids(string pipeline, int expected)
    {
        using var ps = Sim.Connected();

        var result = ps.Run(pipeline, Sim.Ids());

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.True(result.Output.Count >= expected, $"{result.Output.Count} objects");
    }

    [Theory]
    [InlineData("Get-RunAiWorkload -Id $wid, $inf -First 1", "1")]
    [InlineData("Get-RunAiWorkload -Id $wid -Skip 1", "1")]
    [InlineData("Get-RunAiWorkload -Id $wid -IncludeTotalCount", "True")]
    [InlineData("$wid, $inf | Get-RunAiWorkload -First 1", "1")]
    public void Paging_parameters_are_refused_for_workloads_got_by_id(string pipeline, string target)
    {
        using var ps = Sim.ConnectedWithEmptyLog();

        var result = ps.RunCatching(pipeline, Sim.Ids());

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Equal("InvalidArgument,RunAi.PowerShell.Commands.GetRunAiWorkloadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(target, Convert.ToString(error.TargetObject, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.Output);
        Assert.Empty(Sim.ApiRequests("/api/v1/workloads"));
    }

    [Theory]
    [InlineData("Get-RunAiWorkload -Name '['", "[")]
    [InlineData("Get-RunAiWorkload -Name 'job['", "job[")]
    [InlineData("Get-RunAiWorkload -ProjectName 'team-[a'", "team-[a")]
    [InlineData("Get-RunAiWorkload -Name \"train`n\"", "train\n")]
    public void A_name_pattern_that_cannot_be_meant_is_refused_before_any_request(string pipeline, string target)
    {
        using var ps = Sim.ConnectedWithEmptyLog();

        var result = ps.RunCatching(pipeline);

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Equal("InvalidArgument,RunAi.PowerShell.Commands.GetRunAiWorkloadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(target, error.TargetObject);
        Assert.DoesNotContain(Sim.Simulator.Requests, r => r.Path.StartsWith("/api/v1/workloads", StringComparison.Ordinal));
    }

    [Fact]
    public void Debug_shows_the_diagnostics_and_never_prompts()
    {
        // A host that cannot prompt, like pwsh -NonInteractive or a scheduled task: a prompt would fail the command.
        using var ps = new PowerShellSession(new CapturingHost(120, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(ps.Run($"Connect-RunAi -BaseUri '{Sim.Simulator.BaseUri}' -Token '{Sim.Simulator.Options.StaticToken}'").Errors);

        var result = ps.RunCatching("Get-RunAiWorkload -First 120 -PageSize 50 -Debug");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(120, result.Output.Count);
        Assert.NotEmpty(result.Debug);
    }
}
