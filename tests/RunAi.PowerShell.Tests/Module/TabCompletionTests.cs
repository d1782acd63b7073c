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
}
