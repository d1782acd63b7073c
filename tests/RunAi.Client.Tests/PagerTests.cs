using System;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Client.Paging;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

public sealed class PagerTests : IClassFixture<ClientFixture>
{
    private readonly ClientFixture _f;

    public PagerTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task Walks_every_page_without_gap_or_duplicate()
    {
        using var client = _f.TokenClient();
        var all = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 77 }));

        Assert.Equal(_f.Simulator.Data.ActiveWorkloadCount, all.Count);
        Assert.Equal(all.Count, all.Select(w => w.Id).Distinct().Count());
        var offsets = _f.Requests("/api/v1/workloads").Select(r => long.Parse(r.Query["offset"].Single(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => i * 77L), offsets);
    }

    [Fact]
    public async Task First_stops_at_the_page_that_holds_the_last_item_and_asks_only_for_what_is_needed()
    {
        using var client = _f.TokenClient();
        var some = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 50, First = 120 }));

        Assert.Equal(120, some.Count);
        Assert.Equal(new[] { "50", "50", "20" }, _f.Requests("/api/v1/workloads").Select(r => r.Query["limit"].Single()));
    }

    [Fact]
    public async Task An_empty_page_ends_the_list_even_when_next_is_present()
    {
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && r.Query["offset"].Single() == "10"
            ? new SimulatedResponse(200, "{\"workloads\":[],\"next\":20}")
            : null;
        using var client = _f.TokenClient();
        var all = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10 }));

        Assert.Equal(10, all.Count);
        Assert.Equal(2, _f.Requests("/api/v1/workloads").Count);
    }

    [Fact]
    public async Task A_next_that_does_not_advance_is_a_paging_fault_not_a_loop()
    {
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && r.Query["offset"].Single() == "10"
            ? new SimulatedResponse(200, "{\"workloads\":[{\"id\":\"" + Guid.NewGuid() + "\",\"name\":\"x\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Guid.NewGuid() + "\"}],\"next\":10}")
            : null;
        using var client = _f.TokenClient();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10 })));

        Assert.Equal(RunAiFailureKind.PagingFault, failure.Kind);
        Assert.Contains("next=10", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, _f.Requests("/api/v1/workloads").Count);
    }

    [Fact]
    public async Task The_next_page_is_requested_while_the_current_one_is_consumed_and_no_further()
    {
        using var client = _f.TokenClient();
        var enumerator = client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100 }).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_f.Requests("/api/v1/workloads").Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await Task.Delay(200);
        var offsets = _f.Requests("/api/v1/workloads").Select(r => r.Query["offset"].Single()).ToList();
        Assert.Equal(new[] { "0", "100" }, offsets);
        await enumerator.DisposeAsync();
    }
}
