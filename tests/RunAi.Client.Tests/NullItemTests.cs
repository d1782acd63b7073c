using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;
using RunAi.Client.Paging;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>Null items in lists: skipped where the API documents items as nullable (events), refused where it does not.</summary>
public sealed class NullItemTests : IClassFixture<ClientFixture>
{
    private static readonly Guid Cluster = Guid.Parse("5f0b3f4e-2c1a-4d4e-9a55-0d8f3c7a1b20");
    private readonly ClientFixture _f;

    public NullItemTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task Null_events_are_skipped_paging_goes_on_and_a_debug_line_says_how_many()
    {
        var workload = Guid.NewGuid();
        _f.Simulator.Options.Override = r => r.Path.EndsWith("/events", StringComparison.Ordinal)
            ? new SimulatedResponse(200, r.Query["offset"].Single() == "0"
                ? "{\"events\":[null," + Event("first") + ",null],\"next\":3}"
                : "{\"events\":[" + Event("second") + ",null]}")
            : null;
        using var client = _f.TokenClient();
        var diagnostics = new Lines();

        List<Models.WorkloadEvent> events;
        using (RunAiDiagnostics.Listen(diagnostics))
        {
            events = await ClientFixture.ToListAsync(client.ListWorkloadEventsAsync(workload, paging: new PagingOptions { PageSize = 3 }));
        }

        Assert.Equal(new[] { "first", "second" }, events.Select(e => e.Message));
        Assert.All(events, e => Assert.Equal(workload, e.WorkloadId));
        Assert.Equal(2, _f.Simulator.Requests.Count(r => r.Path.EndsWith("/events", StringComparison.Ordinal)));
        Assert.Contains(diagnostics.Debug, line => line.Contains("2 null items", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Debug, line => line.Contains("1 null item", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Null_events_of_a_revision_are_skipped_too()
    {
        _f.Simulator.Options.Override = r => r.Path.EndsWith("/events", StringComparison.Ordinal)
            ? new SimulatedResponse(200, "{\"events\":[" + Event("only") + ",null]}")
            : null;
        using var client = _f.TokenClient();

        var events = await ClientFixture.ToListAsync(client.ListRevisionEventsAsync(Guid.NewGuid()));

        Assert.Equal("only", Assert.Single(events).Message);
    }

    [Theory]
    [InlineData("{\"events\":[42]}")]
    [InlineData("{\"events\":[null,{\"createdAt\":\"not a date\",\"type\":\"Normal\",\"clusterId\":\"5f0b3f4e-2c1a-4d4e-9a55-0d8f3c7a1b20\",\"message\":\"m\"}]}")]
    [InlineData("{\"events\":[\"an event\"]}")]
    public async Task A_present_but_malformed_event_is_still_an_invalid_response(string body)
    {
        _f.Simulator.Options.Override = r => r.Path.EndsWith("/events", StringComparison.Ordinal) ? new SimulatedResponse(200, body) : null;
        using var client = _f.TokenClient();

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadEventsAsync(Guid.NewGuid())));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public async Task A_null_in_a_list_whose_items_the_API_never_leaves_null_is_an_invalid_response()
    {
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" ? new SimulatedResponse(200, "{\"workloads\":[null]}") : null;
        using var client = _f.TokenClient();

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync()));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.Contains("null", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_extended_resources_inside_a_workload_are_skipped()
    {
        var id = Guid.NewGuid();
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(200, "{\"workloads\":[{\"id\":\"" + id + "\",\"name\":\"w\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Cluster +
                "\",\"allocatedResources\":{\"gpu\":1,\"extendedResources\":[null,{\"resource\":\"nvidia.com/mig-1g.5gb\",\"quantity\":\"2\"}]}}]}")
            : null;
        using var client = _f.TokenClient();

        var workload = Assert.Single(await ClientFixture.ToListAsync(client.ListWorkloadsAsync()));

        var resource = Assert.Single(workload.AllocatedResources!.ExtendedResources!);
        Assert.Equal("nvidia.com/mig-1g.5gb", resource.Resource);
    }

    private static string Event(string message) =>
        "{\"createdAt\":\"2026-01-01T00:00:00Z\",\"type\":\"Normal\",\"clusterId\":\"" + Cluster + "\",\"message\":\"" + message + "\"}";

    private sealed class Lines : IRunAiDiagnosticsListener
    {
        public ConcurrentQueue<string> Debug { get; } = new();

        public void Verbose(string message)
        {
        }

        void IRunAiDiagnosticsListener.Debug(string message) => Debug.Enqueue(message);

        public void PageReceived(string what, int pageNumber, int itemCount)
        {
        }
    }
}
