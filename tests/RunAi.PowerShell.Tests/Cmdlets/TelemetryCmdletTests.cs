using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Get-RunAiWorkloadTelemetry against the simulator through the real engine.</summary>
[Collection("engine")]
public sealed class TelemetryCmdletTests : EngineTests<SmallSimulatorFixture>
{

    public TelemetryCmdletTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void Telemetry_returns_numbers_with_each_group_key_as_a_sortable_property()
    {
        using var ps = Sim.ConnectedWithEmptyLog();
        var result = ps.Run("Get-RunAiWorkloadTelemetry -Type GPU_ALLOCATION -GroupBy ClusterId,Type", Sim.Ids());
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Output);
        Assert.All(result.Output, o =>
        {
            Assert.Equal("RunAi.Client.Models.TelemetryValue", o.BaseObject.GetType().FullName);
            Assert.NotNull(o.Properties["ClusterId"]);
            Assert.NotNull(o.Properties["Type"]);
            Assert.IsType<double>(o.Properties["Value"].Value);
        });
        var sent = Assert.Single(Sim.ApiRequests());
        Assert.Equal("/api/v1/workloads/telemetry", sent.Path);
        Assert.Equal("GPU_ALLOCATION", sent.Query["telemetryType"].Single());
        Assert.Equal("ClusterId,Type", sent.Query["groupBy"].Single());
    }
}
