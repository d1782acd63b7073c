using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

public sealed class TabCompletionTests
{
    [Theory]
    [InlineData("Get-RunAiWorkload -Phase Fa", "Failed")]
    [InlineData("Get-RunAiWorkload -SortBy crea", "createdAt")]
    [InlineData("Get-RunAiWorkload -Type Tr", "Training")]
    [InlineData("Get-RunAiWorkloadMetric -MetricType GPU_UT", "GPU_UTILIZATION")]
    [InlineData("Get-RunAiPodMetric -MetricType GPU_SM_A", "GPU_SM_ACTIVITY_PER_GPU")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type GPU_A", "GPU_ALLOCATION")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Proj", "ProjectId")]
    [InlineData("Get-RunAiPod -SortBy node", "nodeName")]
    [InlineData("Get-RunAiPod -Verbosity F", "Full")]
    [InlineData("Get-RunAiWorkloadMetric -MetricType nim_e2e", "NIM_E2E_REQUEST_LATENCY_SECONDS")]
    [InlineData("Get-RunAiWorkload -Desc", "-Descending")]
    [InlineData("Get-RunAiWork", "Get-RunAiWorkload")]
    public void Values_complete_with_tab(string line, string expected)
    {
        using var ps = new PowerShellSession();
        var result = ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText", new() { ["line"] = line });

        Assert.Empty(result.Errors);
        Assert.Contains(expected, result.Output.Select(o => o.BaseObject.ToString()));
    }
    [Theory]
    [InlineData("Connect-RunAi -", "-RetryDelayMilliseconds")]
    [InlineData("Connect-RunAi -BaseUri https://x -", "-RetryDelayMilliseconds")]
    public void A_hidden_parameter_is_not_offered_among_the_parameters(string line, string hidden)
    {
        // DontShow: PowerShell leaves it out of the list (and Get-Help's syntax leaves it out); PowerShell still completes a name
        // the user has started to type ("-Retry") and Get-Command -Syntax lists it, for any DontShow parameter.
        using var ps = new PowerShellSession();
        var result = ps.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText", new() { ["line"] = line });

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(hidden, result.Output.Select(o => o.BaseObject.ToString()));
    }
}
