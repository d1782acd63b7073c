using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace RunAi.Simulator.Tests;

/// <summary>
/// Live mode: workloads whose phase follows a clock, with events and history records appearing as it changes. A fake
/// clock steps through the phases, so nothing here waits.
/// </summary>
public sealed class LiveModeTests
{
    private static readonly TimeSpan Pending = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Running = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_live_workload_is_Pending_then_Running_then_ends_in_its_outcome_as_the_clock_moves()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 20, Clock = clock });
        using var client = Http.For(host);
        var id = host.AddLiveWorkload("nightly-train", LiveOutcome.Failed, Pending, Running);

        var phases = new List<string>();
        foreach (var step in new[] { TimeSpan.Zero, Pending - TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), Running, TimeSpan.FromHours(1) })
        {
            clock.Advance(step);
            var workload = await Http.GetJsonAsync(client, $"api/v1/workloads/{id}");
            phases.Add(workload.GetProperty("phase").GetString()!);
        }

        Assert.Equal(["Pending", "Pending", "Running", "Failed", "Failed"], phases);
        var ended = await Http.GetJsonAsync(client, $"api/v1/workloads/{id}");
        Assert.Equal("nightly-train", ended.GetProperty("name").GetString());
        Assert.Equal("Container exited with code 1", ended.GetProperty("phaseMessage").GetString());
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T12:00:30Z", System.Globalization.CultureInfo.InvariantCulture), ended.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(10, ended.GetProperty("totalPendingTimeSeconds").GetInt64());
        Assert.Equal(20, ended.GetProperty("totalRunningTimeSeconds").GetInt64());
    }

    [Fact]
    public async Task Lists_and_filters_show_a_live_workload_in_its_phase_of_the_moment()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55));
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 20, Clock = clock });
        using var client = Http.For(host);
        var id = host.AddLiveWorkload("live-list", LiveOutcome.Completed, Pending, Running).ToString();

        async Task<bool> ListedAsRunning() => Http.Ids((await Http.GetJsonAsync(client, "api/v1/workloads?filterBy=phase==Running&limit=500")).GetProperty("workloads")).Contains(id);

        Assert.False(await ListedAsRunning());
        clock.Advance(Pending);
        Assert.True(await ListedAsRunning());
        clock.Advance(Running);
        Assert.False(await ListedAsRunning());

        var all = Http.Ids((await Http.GetJsonAsync(client, "api/v1/workloads?limit=500")).GetProperty("workloads"));
        Assert.Equal(id, all[^1]);
        Assert.Equal(host.Data.ActiveWorkloadCount, all.Length);
        var count = await Http.GetJsonAsync(client, "api/v1/workloads/count?filterBy=phase==Completed");
        Assert.Equal(host.Data.Workloads.Count(w => w.Phase == "Completed" && w.DeletedAt is null) + 1, count.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Events_and_history_only_grow_each_event_keeping_its_id_and_text()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 20, Clock = clock });
        using var client = Http.For(host);
        var id = host.AddLiveWorkload("live-events", LiveOutcome.Completed, Pending, Running);

        var seen = new List<string>();
        var historySizes = new List<int>();
        var eventCounts = new List<int>();
        foreach (var step in new[] { TimeSpan.Zero, Pending, TimeSpan.FromSeconds(1), Running })
        {
            clock.Advance(step);
            var events = (await Http.GetJsonAsync(client, $"api/v1/workloads/{id}/events?sortOrder=asc&limit=500")).GetProperty("events").EnumerateArray().Select(e => e.GetRawText()).ToList();
            Assert.Equal(seen, events.Take(seen.Count));
            seen = events;
            eventCounts.Add(events.Count);
            var newestFirst = (await Http.GetJsonAsync(client, $"api/v1/workloads/{id}/events?limit=500")).GetProperty("events").EnumerateArray().Select(e => e.GetRawText());
            Assert.Equal(Enumerable.Reverse(events), newestFirst);
            historySizes.Add((await Http.GetJsonAsync(client, $"api/v1/workloads/{id}/history?limit=500")).GetProperty("records").GetArrayLength());
        }

        Assert.Equal([2, 3, 7, 8], eventCounts);
        Assert.True(historySizes.SequenceEqual(historySizes.Order()) && historySizes[^1] > historySizes[0], string.Join(",", historySizes));
        var times = seen.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains("\"reason\":\"Completed\"", seen[^1], StringComparison.Ordinal);
        var history = await Http.GetJsonAsync(client, $"api/v1/workloads/{id}/history?limit=500");
        var phases = history.GetProperty("records").EnumerateArray()
            .Where(r => r.GetProperty("meta").GetProperty("type").GetString() == "PhaseUpdate")
            .Select(r => r.GetProperty("spec").GetProperty("phaseUpdate").GetProperty("phase").GetString());
        Assert.Equal(["Completed", "Running", "Pending", "Creating"], phases);
    }

    [Fact]
    public async Task Live_answers_validate_against_the_OpenAPI_documents_in_every_phase()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 20, Clock = clock });
        using var client = Http.For(host);
        var ids = new[] { host.AddLiveWorkload("live-ok", LiveOutcome.Completed, Pending, Running), host.AddLiveWorkload("live-fail", LiveOutcome.Failed, Pending, Running) };
        var operations = OpenApiDocs.Operations();
        var failures = new List<string>();
        foreach (var step in new[] { TimeSpan.Zero, Pending, Running })
        {
            clock.Advance(step);
            foreach (var id in ids)
            {
                foreach (var (path, url) in new[]
                {
                    ("/api/v1/workloads/{workloadId}", $"api/v1/workloads/{id}"),
                    ("/api/v1/workloads/{workloadId}/events", $"api/v1/workloads/{id}/events?sortOrder=asc"),
                    ("/api/v1/workloads/{workloadId}/history", $"api/v1/workloads/{id}/history"),
                    ("/api/v1/workloads/{workloadId}/pods", $"api/v1/workloads/{id}/pods"),
                    ("/api/v1/workloads", "api/v1/workloads?search=live-&limit=10"),
                })
                {
                    var op = operations.Single(o => o.Path == path);
                    var (status, body, _) = await Http.GetAsync(client, url);
                    var errors = status == 200 ? OpenApiDocs.Validate(OpenApiDocs.Schema(op.Document, op.ResponseSchemaJson["200"]), body) : [$"status {status}: {body}"];
                    failures.AddRange(errors.Take(5).Select(e => $"{url} at +{step}: {e}"));
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Live_mode_starts_named_workloads_after_an_unchanged_generated_data_set()
    {
        var reference = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using var plain = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 30, ReferenceTime = reference });
        await using var live = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 30, ReferenceTime = reference, LiveWorkloadCount = 3, LiveFailEvery = 2 });
        using var plainClient = Http.For(plain);
        using var liveClient = Http.For(live);

        var plainList = (await Http.GetJsonAsync(plainClient, "api/v1/workloads?limit=500")).GetProperty("workloads").EnumerateArray().Select(w => w.GetRawText()).ToList();
        var liveList = (await Http.GetJsonAsync(liveClient, "api/v1/workloads?limit=500")).GetProperty("workloads").EnumerateArray().ToList();

        Assert.Equal(plainList, liveList.Take(plainList.Count).Select(w => w.GetRawText()));
        Assert.Equal(["live-ok-1", "live-fail-2", "live-ok-3"], liveList.Skip(plainList.Count).Select(w => w.GetProperty("name").GetString()));
        Assert.All(liveList.Skip(plainList.Count), w => Assert.Equal("Pending", w.GetProperty("phase").GetString()));
        Assert.Equal(3, live.Data.LiveWorkloadCount);
        Assert.Equal(0, plain.Data.LiveWorkloadCount);
    }

    [Fact]
    public async Task An_unknown_id_next_to_live_workloads_is_still_not_found()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 5 });
        using var client = Http.For(host);
        host.AddLiveWorkload("only-one", LiveOutcome.Completed, Pending, Running);
        var next = host.Data.GetWorkloadId(host.Data.WorkloadCount + 1);

        var (status, body, _) = await Http.GetAsync(client, $"api/v1/workloads/{next}");

        Assert.Equal(404, status);
        Http.AssertRunAiError(body, 404);
    }
}
