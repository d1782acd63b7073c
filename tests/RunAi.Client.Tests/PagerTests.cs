using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RunAi.Client.Paging;
using RunAi.Simulator;
using Xunit;
using RunAi.Tests.Servers;

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
        // Pages are read ahead, so requests arrive out of order; each offset is asked for once, and the guesses past the
        // end are at most PagesAhead - 1.
        var pages = (all.Count + 76) / 77;
        var offsets = Offsets().OrderBy(o => o).ToList();
        Assert.Equal(offsets.Distinct(), offsets);
        Assert.InRange(offsets.Count, pages, pages + PagingOptions.DefaultPagesAhead - 1);
        Assert.Equal(Enumerable.Range(0, offsets.Count).Select(i => i * 77L), offsets);
    }

    [Fact]
    public async Task Reading_ahead_returns_exactly_what_reading_one_page_at_a_time_returns()
    {
        using var client = _f.TokenClient();
        var oneAtATime = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 60, PagesAhead = 1 }));
        var sequentialOffsets = Offsets().ToList();
        _f.Reset();
        var ahead = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 60, PagesAhead = 8 }));

        Assert.Equal(oneAtATime.Select(w => w.Id), ahead.Select(w => w.Id));
        Assert.Equal(Enumerable.Range(0, sequentialOffsets.Count).Select(i => i * 60L), sequentialOffsets);
        Assert.InRange(Offsets().Count, sequentialOffsets.Count, sequentialOffsets.Count + 7);
    }

    [Fact]
    public async Task A_guess_the_server_does_not_confirm_is_dropped_and_the_announced_page_followed()
    {
        // Pages at 0 and 10 are full and announce offset + limit, so the reader guesses 30 while reading 20; the page at
        // 20 holds only 5 items (its server's own cap) and announces next=25: the guess at 30 must be dropped and 25 followed.
        // The page at 20 answers after 300 ms, so the guess at 30 has surely reached the server by then.
        Func<RecordedRequest, SimulatedResponse?> skipFive = r => r.Path == "/api/v1/workloads" && r.Query["offset"].Single() == "20"
            ? new SimulatedResponse(200, WorkloadsJson(5, next: 25)) { Delay = TimeSpan.FromMilliseconds(300) }
            : null;
        _f.Simulator.Options.Override = skipFive;
        using var client = _f.TokenClient();
        var oneAtATime = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 1 }));
        _f.Reset();
        _f.Simulator.Options.Override = skipFive;
        var ahead = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 3 }));

        Assert.Equal(oneAtATime.Count, ahead.Count);
        Assert.Equal(oneAtATime.Select(w => w.Id).Take(20), ahead.Select(w => w.Id).Take(20));
        Assert.Equal(oneAtATime.Select(w => w.Id).Skip(25), ahead.Select(w => w.Id).Skip(25)); // 20-24 are new ids each time
        Assert.Contains(30L, Offsets()); // guessed, and dropped
        Assert.Contains(25L, Offsets());
    }

    [Fact]
    public async Task No_page_is_guessed_after_a_page_that_is_not_full()
    {
        // A server that gives fewer items than asked (its own cap) and announces offset + items: nothing is guessed.
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && r.Query["offset"].Single() is "0" or "5"
            ? new SimulatedResponse(200, WorkloadsJson(5, next: r.Offset() + 5))
            : null;
        using var client = _f.TokenClient();
        var some = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, First = 20 }));

        Assert.Equal(20, some.Count);
        Assert.Equal(new long[] { 0, 5, 10 }, Offsets().OrderBy(o => o).Take(3));
        Assert.DoesNotContain(15L, Offsets());
    }

    [Fact]
    public async Task First_stops_at_the_page_that_holds_the_last_item_and_asks_only_for_what_is_needed()
    {
        using var client = _f.TokenClient();
        var some = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 50, First = 120 }));

        Assert.Equal(120, some.Count);
        Assert.Equal(new[] { "50", "50", "20" }, _f.Requests("/api/v1/workloads").Select(r => r.Query["limit"].Single()));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(100)]
    public async Task First_within_the_first_page_costs_exactly_one_request(int first)
    {
        await WaitOutStragglersAsync();
        using var client = _f.TokenClient();
        var some = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100, PagesAhead = PagingOptions.MaxPagesAhead, First = first }));

        Assert.Equal(first, some.Count);
        // A request asked for and dropped would still reach the server: give it the time to.
        await Task.Delay(200);
        Assert.Equal(new[] { "0" }, _f.Requests("/api/v1/workloads").Select(r => r.Query["offset"].Single()));
    }

    [Fact]
    public async Task A_page_read_ahead_that_fails_never_loses_the_items_received_before_it()
    {
        // Reading ahead, the page at 40 is asked for while the one at 20 is read, and fails at once; the page at 30 comes
        // 300 ms later. The failure is there long before the reader gets to it: every item of the pages at 0-30 must still
        // come out, in order, before it surfaces, exactly as when reading one page at a time.
        var pageAt30 = WorkloadsJson(10, next: 40);
        Func<RecordedRequest, SimulatedResponse?> failAt40 = r => r.Path != "/api/v1/workloads"
            ? null
            : r.Offset() switch
            {
                30 => new SimulatedResponse(200, pageAt30) { Delay = TimeSpan.FromMilliseconds(300) },
                40 => new SimulatedResponse(500, "{\"code\":500,\"message\":\"the page at 40 broke\"}"),
                _ => null,
            };
        using var client = _f.TokenClient(o => o.MaxRetries = 0);
        _f.Simulator.Options.Override = failAt40;
        var (oneAtATime, oneAtATimeFailure) = await ReadUntilFailureAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 1 }));
        _f.Reset();
        _f.Simulator.Options.Override = failAt40;
        var (ahead, aheadFailure) = await ReadUntilFailureAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 3 }));

        Assert.Equal(500, oneAtATimeFailure.StatusCode);
        Assert.Equal(500, aheadFailure.StatusCode);
        Assert.Equal(40, oneAtATime.Count);
        Assert.Equal(oneAtATime.Select(w => w.Id), ahead.Select(w => w.Id));
        // The failure really came first: the server answered the page at 40 before the one at 30.
        var answered = Offsets();
        Assert.True(answered.IndexOf(40) < answered.IndexOf(30), "answered in the order " + string.Join(", ", answered));
    }

    [Fact]
    public async Task A_next_that_does_not_advance_is_a_paging_fault_not_a_loop()
    {
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && r.Query["offset"].Single() == "10"
            ? new SimulatedResponse(200, WorkloadsJson(1, next: 10))
            : null;
        using var client = _f.TokenClient();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 1 })));

        Assert.Equal(RunAiFailureKind.PagingFault, failure.Kind);
        Assert.Contains("next=10", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, _f.Requests("/api/v1/workloads").Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task PagesAhead_pages_are_requested_while_the_current_one_is_consumed_and_no_further(int pagesAhead)
    {
        using var client = _f.TokenClient();
        var enumerator = client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100, PagesAhead = pagesAhead }).GetAsyncEnumerator();
        // Into the third page: two full pages read, so the reader is as far ahead as it goes (it ramps up 1, 2, 3…).
        for (var i = 0; i < 201; i++)
        {
            Assert.True(await enumerator.MoveNextAsync());
        }

        var expected = 3 + pagesAhead;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_f.Requests("/api/v1/workloads").Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10); // polls, bounded by the loop's deadline
        }

        await Task.Delay(200); // room for a request that should not come: asserting an absence needs some real time
        Assert.Equal(Enumerable.Range(0, expected).Select(i => i * 100L), Offsets().OrderBy(o => o));
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task A_list_of_two_pages_costs_no_request_past_its_end()
    {
        using var client = _f.TokenClient();
        var skip = _f.Simulator.Data.ActiveWorkloadCount - 700;
        var lastTwoPages = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 500, Skip = skip, PagesAhead = 8 }));

        Assert.Equal(700, lastTwoPages.Count);
        Assert.Equal(new long[] { skip, skip + 500 }, Offsets().OrderBy(o => o));
    }

    [Fact]
    public async Task Stopping_early_cancels_every_page_read_ahead()
    {
        await WaitOutStragglersAsync();
        // Every page from offset 30 is held 30 s by the server: once the reader is into the third page it has three of
        // them on their way, and disposing it must end all three at once. The simulator records a request when it is
        // answered, so the held ones are counted as they arrive.
        var held = new System.Collections.Concurrent.ConcurrentQueue<long>();
        _f.Simulator.Options.Override = r =>
        {
            var offset = r.Offset();
            if (r.Path != "/api/v1/workloads" || offset < 30)
            {
                return null;
            }

            held.Enqueue(offset);
            return new SimulatedResponse(200, WorkloadsJson(10, next: 1000)) { Delay = TimeSpan.FromSeconds(30) };
        };
        using var client = _f.TokenClient();
        var enumerator = client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 4 }).GetAsyncEnumerator();
        for (var i = 0; i < 21; i++)
        {
            Assert.True(await enumerator.MoveNextAsync());
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (held.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10); // polls, bounded by the loop's deadline
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await enumerator.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"disposing took {clock.Elapsed}");
        Assert.Equal(new long[] { 30, 40, 50 }, held.OrderBy(o => o));
        // The server saw each held request end (aborted) well before its 30 s were up.
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (Offsets().Count < 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10); // polls, bounded by the loop's deadline
        }

        Assert.Equal(new long[] { 0, 10, 20, 30, 40, 50 }, Offsets().OrderBy(o => o));
    }

    /// <summary>
    /// For a test that counts every request: a page an earlier test read ahead and dropped can reach the simulator well
    /// after that test ended (seen 120 ms late on two busy cores), past what <see cref="ClientFixture.Reset"/> waits for.
    /// </summary>
    private async Task WaitOutStragglersAsync()
    {
        await Task.Delay(300); // see the summary: requests dropped by an earlier test arrive on the real network's time
        _f.Simulator.ClearRequests();
    }

    /// <summary>Every item the listing yields until it fails, and the failure (a listing that does not fail fails the test).</summary>
    private static async Task<(System.Collections.Generic.List<T> Items, RunAiApiException Failure)> ReadUntilFailureAsync<T>(System.Collections.Generic.IAsyncEnumerable<T> listing)
    {
        var items = new System.Collections.Generic.List<T>();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(async () =>
        {
            await foreach (var item in listing)
            {
                items.Add(item);
            }
        });
        return (items, failure);
    }

    private System.Collections.Generic.List<long> Offsets() =>
        _f.Requests("/api/v1/workloads").Select(r => r.Offset()).ToList();

    [Theory]
    [InlineData("{\"workloads\":null,\"next\":20}", RunAiFailureKind.InvalidResponse, "no list (null)")]
    [InlineData("{\"workloads\":[],\"next\":20}", RunAiFailureKind.InvalidResponse, "no items")]
    [InlineData("overlap", RunAiFailureKind.PagingFault, "would repeat 5 items")]
    [InlineData("gap", RunAiFailureKind.PagingFault, "would skip 10 items")]
    public async Task A_page_that_would_end_the_list_early_or_repeat_or_skip_items_fails_after_every_item_before_it(string pageAt10, RunAiFailureKind kind, string says)
    {
        var body = pageAt10 switch
        {
            "overlap" => WorkloadsJson(10, next: 15),
            "gap" => WorkloadsJson(10, next: 30),
            _ => pageAt10,
        };
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads" && r.Query["offset"].Single() == "10" ? new SimulatedResponse(200, body) : null;
        using var client = _f.TokenClient();

        var received = new List<Guid>();
        var failure = await Assert.ThrowsAsync<RunAiApiException>(async () =>
        {
            await foreach (var workload in client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 10, PagesAhead = 3 }))
            {
                received.Add(workload.Id);
            }
        });

        Assert.Equal(kind, failure.Kind);
        Assert.Contains(says, failure.Message, StringComparison.Ordinal);
        // The first page came whole; with the overlap and the gap, so did the page that announced the wrong next.
        Assert.Equal(pageAt10.StartsWith('{') ? 10 : 20, received.Count);
        Assert.Equal(received.Count, received.Distinct().Count());
    }

    private static string WorkloadsJson(int count, long next) =>
        "{\"workloads\":[" + string.Join(",", Enumerable.Range(0, count).Select(_ =>
            "{\"id\":\"" + Guid.NewGuid() + "\",\"name\":\"x\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"" + Guid.NewGuid() + "\"}")) + "],\"next\":" + next + "}";
}
