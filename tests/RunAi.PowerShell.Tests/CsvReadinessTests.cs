using System;
using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Export-Csv writes each property's ToString(). A property that prints a .NET type name
/// ("System.Collections.Generic.List`1[…]") is a column of noise in every report, so no output object may have one.
/// </summary>
[Collection("engine")]
public sealed class CsvReadinessTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly SimulatorFixture _sim;
    private readonly PowerShellSession _ps;

    public CsvReadinessTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.Reset();
        _ps = sim.Connected();
    }

    public void Dispose() => _ps.Dispose();

    [Theory]
    [InlineData("Get-RunAiWorkload -First 50")]
    [InlineData("Get-RunAiWorkload -First 5 | Get-RunAiWorkload")]
    [InlineData("Get-RunAiWorkload -First 3 | Get-RunAiWorkloadEvent")]
    [InlineData("Get-RunAiWorkload -First 3 | Get-RunAiWorkloadHistory")]
    [InlineData("Get-RunAiPod -First 20")]
    [InlineData("Get-RunAiWorkload -Type Inference -First 2 | Get-RunAiInferenceRevision")]
    [InlineData("Get-RunAiWorkload -Phase Running -First 1 | Get-RunAiWorkloadMetric -MetricType GPU_UTILIZATION, NIM_TIME_TO_FIRST_TOKEN_SECONDS_PERCENTILES -Samples 3")]
    [InlineData("Get-RunAiWorkloadTelemetry -Type WORKLOADS_COUNT -GroupBy Phase")]
    [InlineData("Get-RunAiWorkload -First 3 | Get-RunAiWorkloadEndpoint")]
    [InlineData("Get-RunAiWorkloadElement -WorkloadId $heavy -First 5")]
    public void Every_property_reads_as_a_value_not_a_type_name(string pipeline)
    {
        var result = _ps.Run(pipeline, new() { ["heavy"] = _sim.Simulator.Data.ElementsHeavyWorkloadId });

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        foreach (var item in result.Output)
        {
            foreach (var property in item.Properties.Where(p => p.IsGettable))
            {
                var text = property.Value?.ToString() ?? string.Empty;
                Assert.False(
                    text.StartsWith("System.", StringComparison.Ordinal) || text.StartsWith("RunAi.", StringComparison.Ordinal),
                    $"{item.TypeNames[0]}.{property.Name} exports as '{text}'");
            }
        }
    }
}
