using System;
using System.Collections.Generic;
using System.Linq;
using RunAi.Simulator;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// What a scheduled task and an ops check rely on: a command either delivers everything it was asked for, or ends
/// with a terminating error (caught by try/catch) saying how much it wrote; every item received before a failure is
/// written before the error; a failure of one pipeline input among several stays that input's non-terminating error.
/// </summary>
[Collection("engine")]
public sealed class PartialDataTests : EngineTests<SmallSimulatorFixture>
{
    private const string FailedPage = "{\"code\":500,\"message\":\"the database went away\"}";

    public PartialDataTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    /// <summary>Workload pages from <paramref name="offset"/> on fail with a 500; the pages before them are answered.</summary>
    private void FailFrom(int offset) =>
        Sim.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && r.Offset() >= offset ? new SimulatedResponse(500, FailedPage) : null;

    [Fact]
    public void A_listing_that_fails_midway_ends_with_a_terminating_error_that_says_how_many_items_were_written()
    {
        using var ps = Sim.Connected("-MaxRetryCount 0");
        FailFrom(200);

        var result = ps.RunCatching("Get-RunAiWorkload -PageSize 100");

        Assert.NotNull(result.Terminating);
        Assert.Equal("ServiceUnavailable,RunAi.PowerShell.Commands.GetRunAiWorkloadCommand", result.Terminating!.FullyQualifiedErrorId);
        Assert.Equal(200, result.Output.Count);
        Assert.Contains("200 items had been written before this failure", result.Terminating.ToString(), StringComparison.Ordinal);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Every_item_received_before_a_failing_page_is_written_when_the_downstream_is_slower_than_the_network()
    {
        using var ps = Sim.Connected("-MaxRetryCount 0");
        FailFrom(300);

        // The downstream takes its time, so more items arrive than the queue between the reader and the pipeline
        // holds: the reader waits mid-page while the next page (and its failure) has already arrived.
        var result = ps.RunCatching("Get-RunAiWorkload -PageSize 100 | ForEach-Object { [System.Threading.Thread]::Sleep(2); $_ }");

        Assert.NotNull(result.Terminating);
        var ids = result.Output.Select(o => (Guid)o.Properties["Id"].Value).ToList();
        Assert.Equal(300, ids.Count);
        Assert.Equal(300, ids.Distinct().Count());
    }

    [Fact]
    public void Invoke_RunAiRestMethod_answered_404_is_a_terminating_error()
    {
        using var ps = Sim.Connected();

        var result = ps.RunCatching("Invoke-RunAiRestMethod -Path /api/v1/workloads/00000000-0000-0000-0000-000000000001");

        Assert.NotNull(result.Terminating);
        Assert.StartsWith("NotFound,", result.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_input_among_several_is_a_non_terminating_error_for_that_input_and_the_others_are_written()
    {
        using var ps = Sim.Connected();
        var missing = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var variables = Sim.Ids();
        variables["missing"] = missing;

        var result = ps.RunCatching("$wid, $missing, $inf | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Get-RunAiWorkload", variables);

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal(missing, error.TargetObject);
    }

    [Fact]
    public void Each_inputs_output_is_written_before_the_next_input_is_taken_so_pipeline_variables_line_up()
    {
        using var ps = Sim.Connected();

        var result = ps.Run(
            "Get-RunAiWorkload -First 6 -PipelineVariable wl | Get-RunAiWorkloadEvent -First 2 | " +
            "ForEach-Object { [pscustomobject]@{ Upstream = $wl.Id; Event = $_.WorkloadId } }");

        Assert.Empty(result.Errors);
        Assert.True(result.Output.Count >= 6, "every workload has events");
        Assert.All(result.Output, row => Assert.Equal(row.Properties["Event"].Value, row.Properties["Upstream"].Value));
    }
}
