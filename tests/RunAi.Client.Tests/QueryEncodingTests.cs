using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Client.Paging;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// What goes on the wire for the API's array parameters (<c>filterBy</c>, <c>groupBy</c>: form style, not exploded)
/// and for offsets (int32): the same bytes from the typed operations and the raw request, and refusals before sending.
/// </summary>
public sealed class QueryEncodingTests : IClassFixture<ClientFixture>
{
    private readonly ClientFixture _f;

    public QueryEncodingTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task A_raw_request_sends_a_key_given_twice_as_one_comma_separated_value_like_the_typed_operations()
    {
        using var client = _f.TokenClient();
        var typed = new WorkloadQuery();
        typed.Filters.Add("phase==Running");
        typed.Filters.Add("type==Training");
        await client.CountWorkloadsAsync(typed);
        await client.SendRawAsync("GET", "api/v1/workloads/count", new[] { Pair("filterBy", "phase==Running"), Pair("filterBy", "type==Training") });

        var sent = _f.Requests("/api/v1/workloads/count");
        Assert.Equal(2, sent.Count);
        Assert.Equal("phase==Running,type==Training", Assert.Single(sent[1].Query["filterBy"]));
        Assert.Equal(sent[0].QueryString, sent[1].QueryString);
    }

    [Fact]
    public async Task A_raw_list_keeps_a_joined_key_on_every_page()
    {
        using var client = _f.TokenClient();

        var items = await ClientFixture.ToListAsync(client.StreamRawAsync(
            "api/v1/workloads", new[] { Pair("filterBy", "phase==Running"), Pair("filterBy", "type==Training") }, "workloads", new PagingOptions { PageSize = 5, First = 12 }));

        Assert.Equal(12, items.Count);
        Assert.All(_f.Requests("/api/v1/workloads"), r => Assert.Equal("phase==Running,type==Training", Assert.Single(r.Query["filterBy"])));
    }

    [Fact]
    public async Task A_comma_inside_one_of_the_joined_values_is_refused_before_anything_is_sent()
    {
        using var client = _f.TokenClient();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.SendRawAsync("GET", "api/v1/workloads/count", new[] { Pair("filterBy", "name==a,b"), Pair("filterBy", "type==Training") }));

        Assert.Contains("name==a,b", refused.Message, StringComparison.Ordinal);
        Assert.Contains("comma", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_f.Simulator.Requests);
    }

    [Fact]
    public async Task A_typed_filter_with_a_comma_is_refused_before_anything_is_sent()
    {
        using var client = _f.TokenClient();
        var query = new WorkloadQuery();
        query.Filters.Add("name==a,b");

        await Assert.ThrowsAsync<ArgumentException>(() => client.CountWorkloadsAsync(query));
        await Assert.ThrowsAsync<ArgumentException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync(query)));

        Assert.Empty(_f.Simulator.Requests);
    }

    [Fact]
    public void A_skip_beyond_the_APIs_int32_offset_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PagingOptions { Skip = int.MaxValue + 1L });
        Assert.Equal(int.MaxValue, new PagingOptions { Skip = int.MaxValue }.Skip);
    }

    [Fact]
    public async Task A_next_offset_beyond_int32_is_never_sent()
    {
        var id = Guid.NewGuid();
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads"
            ? new SimulatedResponse(200, "{\"workloads\":[{\"id\":\"" + id + "\",\"name\":\"w\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Guid.NewGuid() + "\"}],\"next\":3000000000}")
            : null;
        using var client = _f.TokenClient();

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync()));

        Assert.Equal(RunAiFailureKind.PagingFault, failure.Kind);
        Assert.Contains("3000000000", failure.Message, StringComparison.Ordinal);
        Assert.Single(_f.Requests("/api/v1/workloads"));
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
}
