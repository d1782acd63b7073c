using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace RunAi.Simulator.Tests;

[Collection("shared")]
public sealed class SemanticsTests(SharedSimulator sim)
{
    private SimulatorData Data => sim.Host.Data;

    private async Task<List<JsonElement>> WalkAsync(string url, string property, int limit)
    {
        var items = new List<JsonElement>();
        var offset = 0;
        var sep = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        while (true)
        {
            var page = await Http.GetJsonAsync(sim.Client, $"{url}{sep}limit={limit}&offset={offset}");
            var arr = page.GetProperty(property);
            items.AddRange(arr.EnumerateArray());
            if (!page.TryGetProperty("next", out var next))
            {
                Assert.True(arr.GetArrayLength() <= limit);
                return items;
            }

            Assert.Equal(offset + arr.GetArrayLength(), next.GetInt32());
            Assert.Equal(limit, arr.GetArrayLength());
            offset = next.GetInt32();
        }
    }

    [Fact]
    public async Task Paging_walks_all_2345_workloads_without_gap_or_duplicate()
    {
        Assert.Equal(2345, Data.WorkloadCount);
        var active = await WalkAsync("api/v1/workloads", "workloads", 100);
        var deleted = await WalkAsync("api/v1/workloads?deleted=true", "workloads", 100);
        Assert.True(deleted.Count > 0);
        Assert.All(deleted, w => Assert.Equal(JsonValueKind.String, w.GetProperty("deletedAt").ValueKind));
        Assert.All(active, w => Assert.Equal(JsonValueKind.Null, w.GetProperty("deletedAt").ValueKind));
        var ids = active.Concat(deleted).Select(w => Guid.Parse(w.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Data.WorkloadIds.OrderBy(g => g), ids.OrderBy(g => g));
        Assert.Equal(Data.ActiveWorkloadCount, active.Count);
        var count = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/count");
        Assert.Equal(active.Count, count.GetProperty("count").GetInt64());

        // default order is generation order
        var expected = Enumerable.Range(0, Data.WorkloadCount).Where(i => !Data.IsDeleted(i)).Select(i => Data.WorkloadIds[i]).ToList();
        Assert.Equal(expected, active.Select(w => Guid.Parse(w.GetProperty("id").GetString()!)));
    }

    [Fact]
    public async Task Last_page_has_no_next_and_offset_past_end_is_empty()
    {
        var total = Data.ActiveWorkloadCount;
        var last = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads?offset={total - 3}&limit=10");
        Assert.Equal(3, last.GetProperty("workloads").GetArrayLength());
        Assert.False(last.TryGetProperty("next", out _));
        var exact = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads?offset={total - 10}&limit=10");
        Assert.False(exact.TryGetProperty("next", out _));
        var past = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads?offset={total + 50}");
        Assert.Equal(0, past.GetProperty("workloads").GetArrayLength());
        var deflt = await Http.GetJsonAsync(sim.Client, "api/v1/workloads");
        Assert.Equal(50, deflt.GetProperty("workloads").GetArrayLength());
        Assert.Equal(50, deflt.GetProperty("next").GetInt32());
    }

    [Theory]
    [InlineData("api/v1/workloads?limit=0")]
    [InlineData("api/v1/workloads?limit=501")]
    [InlineData("api/v1/workloads?limit=abc")]
    [InlineData("api/v1/workloads?offset=-1")]
    [InlineData("api/v1/workloads?sortBy=color")]
    [InlineData("api/v1/workloads?sortOrder=up")]
    [InlineData("api/v1/workloads?filterBy=color==red")]
    [InlineData("api/v1/workloads?filterBy=phase~Running")]
    [InlineData("api/v1/workloads?filterBy=createdAt=@2024")]
    [InlineData("api/v1/workloads?filterBy=createdAt>=yesterday")]
    [InlineData("api/v1/workloads?filterBy=a==1,b==2")]
    [InlineData("api/v1/workloads?filterBy=phase==A,phase==B,phase==C,phase==D,phase==E,phase==F,phase==G,phase==H,phase==I,phase==J,phase==K")]
    [InlineData("api/v1/workloads?deleted=maybe")]
    [InlineData("api/v1/workloads/count?filterBy=nope==1")]
    [InlineData("api/v1/workloads/pods?limit=501")]
    [InlineData("api/v1/workloads/pods?sortBy=name")]
    [InlineData("api/v1/workloads/pods?filterBy=phase==Running")]
    [InlineData("api/v1/workloads/pods?verbosity=loud")]
    [InlineData("api/v1/workloads/pods?completed=sometimes")]
    [InlineData("api/v1/workloads/telemetry?telemetryType=NOPE")]
    [InlineData("api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&groupBy=Type,Phase,Category")]
    [InlineData("api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&groupBy=Color")]
    [InlineData("api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&filterByPhases=Sleeping")]
    [InlineData("api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&clusterId=xyz")]
    [InlineData("api/v1/workloads/00000000-0000-0000-0000-00000000000g")]
    public async Task Invalid_parameters_answer_400_in_error_shape(string url)
    {
        var (status, body, _) = await Http.GetAsync(sim.Client, url);
        Assert.True(status == 400, $"{url} → {status} {body}");
        Http.AssertRunAiError(body, 400);
    }

    [Fact]
    public async Task Metrics_parameters_are_validated()
    {
        var id = Data.WorkloadIds[1];
        const string s = "2025-01-01T00:00:00Z", e = "2025-01-01T01:00:00Z";
        var bad = new[]
        {
            $"api/v1/workloads/{id}/metrics?start={s}&end={e}",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&end={e}",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&start={s}",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&start={e}&end={s}",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&start=yesterday&end={e}",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&start={s}&end={e}&numberOfSamples=1001",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&start={s}&end={e}&numberOfSamples=-1",
            $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION_PER_GPU&start={s}&end={e}",
            $"api/v1/workloads/{id}/metrics?metricType=" + string.Join(",", Enumerable.Repeat("GPU_UTILIZATION", 11)) + $"&start={s}&end={e}",
        };
        foreach (var url in bad)
        {
            var (status, body, _) = await Http.GetAsync(sim.Client, url);
            Assert.True(status == 400, $"{url} → {status} {body}");
            Http.AssertRunAiError(body, 400);
        }

        var ok = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{id}/metrics?metricType=GPU_UTILIZATION&metricType=CPU_USAGE_CORES&start={s}&end={e}&numberOfSamples=13");
        var ms = ok.GetProperty("measurements");
        Assert.Equal(2, ms.GetArrayLength());
        var values = ms[0].GetProperty("values");
        Assert.Equal(13, values.GetArrayLength());
        Assert.Equal(DateTimeOffset.Parse(s, CultureInfo.InvariantCulture), DateTimeOffset.Parse(values[0].GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(e, CultureInfo.InvariantCulture), DateTimeOffset.Parse(values[12].GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FilterBy_really_filters_with_one_comma_separated_parameter_or_repeated_keys()
    {
        var expected = Data.Workloads.Where(w => w.DeletedAt is null && w.Phase == "Failed" && w.ProjectName == "team-b").Select(w => w.Id).ToList();
        Assert.NotEmpty(expected);
        var one = await WalkAsync("api/v1/workloads?filterBy=" + Uri.EscapeDataString("phase==Failed,projectName==team-b"), "workloads", 37);
        Assert.Equal(expected, one.Select(w => Guid.Parse(w.GetProperty("id").GetString()!)));
        var repeated = await WalkAsync("api/v1/workloads?filterBy=phase==Failed&filterBy=projectName==team-b", "workloads", 500);
        Assert.Equal(expected, repeated.Select(w => Guid.Parse(w.GetProperty("id").GetString()!)));
        var count = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/count?filterBy=phase==Failed,projectName==team-b");
        Assert.Equal(expected.Count, count.GetProperty("count").GetInt32());

        // contains / starts / ends are case-insensitive; != and !@ negate
        var contains = await WalkAsync("api/v1/workloads?filterBy=name=@BERT", "workloads", 500);
        Assert.NotEmpty(contains);
        Assert.All(contains, w => Assert.Contains("bert", w.GetProperty("name").GetString()!, StringComparison.Ordinal));
        Assert.Equal(Data.Workloads.Count(w => w.DeletedAt is null && w.Name.Contains("bert", StringComparison.Ordinal)), contains.Count);
        var starts = await WalkAsync("api/v1/workloads?filterBy=name=^INFER-", "workloads", 500);
        Assert.All(starts, w => Assert.Equal("Inference", w.GetProperty("type").GetString()));
        var notRunning = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/count?filterBy=phase!=Running");
        var running = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/count?filterBy=phase==Running");
        Assert.Equal(Data.ActiveWorkloadCount, notRunning.GetProperty("count").GetInt32() + running.GetProperty("count").GetInt32());

        // numbers numerically, dates as dates
        var gpus = await WalkAsync("api/v1/workloads?filterBy=allocatedGPU>=4", "workloads", 500);
        Assert.NotEmpty(gpus);
        Assert.All(gpus, w => Assert.True(w.GetProperty("allocatedResources").GetProperty("gpu").GetDouble() >= 4));
        var cut = Data.ReferenceTime.AddDays(-30);
        var recent = await WalkAsync("api/v1/workloads?filterBy=createdAt>=" + Uri.EscapeDataString(cut.ToString("o", CultureInfo.InvariantCulture)), "workloads", 500);
        Assert.Equal(Data.Workloads.Count(w => w.DeletedAt is null && w.CreatedAt >= cut), recent.Count);
    }

    [Fact]
    public async Task SortBy_and_sortOrder_sort_and_search_searches()
    {
        var byName = await WalkAsync("api/v1/workloads?sortBy=name", "workloads", 500);
        var names = byName.Select(w => w.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), names);
        var byCreatedDesc = await WalkAsync("api/v1/workloads?sortBy=createdAt&sortOrder=desc", "workloads", 500);
        var created = byCreatedDesc.Select(w => DateTimeOffset.Parse(w.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.OrderByDescending(d => d), created);
        Assert.Equal(Data.ActiveWorkloadCount, created.Count);
        var byGpu = await WalkAsync("api/v1/workloads?sortBy=allocatedGPU&sortOrder=desc&filterBy=phase==Running", "workloads", 100);
        var g = byGpu.Select(w => w.GetProperty("allocatedResources").GetProperty("gpu").GetDouble()).ToList();
        Assert.Equal(g.OrderByDescending(x => x), g);

        var search = await WalkAsync("api/v1/workloads?search=LLAMA", "workloads", 500);
        Assert.NotEmpty(search);
        Assert.All(search, w => Assert.Contains("llama", w.GetProperty("name").GetString()!, StringComparison.Ordinal));
        var byProject = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/count?search=team-c");
        Assert.Equal(Data.Workloads.Count(w => w.DeletedAt is null && (w.ProjectName == "team-c" || w.Name.Contains("team-c", StringComparison.Ordinal))), byProject.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Events_default_newest_first_and_history_elements_and_revisions_page()
    {
        var w = Data.Workloads.First(x => x.DeletedAt is null && x.EventCount >= 5);
        var events = (await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{w.Id}/events")).GetProperty("events");
        Assert.Equal(w.EventCount, events.GetArrayLength());
        var times = events.EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        var asc = (await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{w.Id}/events?sortOrder=asc&limit=2")).GetProperty("events");
        Assert.Equal(2, asc.GetArrayLength());
        Assert.Equal(times[^1], DateTimeOffset.Parse(asc[0].GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture));
        var history = await WalkAsync($"api/v1/workloads/{w.Id}/history", "records", 2);
        Assert.Equal(w.HistoryCount, history.Count);
        Assert.Contains(history, r => r.GetProperty("meta").GetProperty("type").GetString() == "PhaseUpdate");

        var heavy = Data.ElementsHeavyWorkloadId;
        var count = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{heavy}/elements/count");
        var stored = count.GetProperty("storedElementsCount").GetInt32();
        Assert.True(stored >= 120);
        Assert.True(count.GetProperty("totalElementsCount").GetInt32() >= stored);
        var elements = await WalkAsync($"api/v1/workloads/{heavy}/elements", "elements", 50);
        Assert.Equal(stored, elements.Count);
        Assert.Equal(stored, elements.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var levels = elements.Select(e => e.GetProperty("hierarchyLevel").GetInt32()).ToList();
        Assert.Equal(levels.OrderBy(l => l), levels);

        var inference = Data.Workloads.First(x => x.Type == "Inference" && x.RevisionCount == 3 && x.DeletedAt is null);
        var revs = (await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/inferences/{inference.Id}/revisions")).GetProperty("revisions");
        var deletedRevs = (await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/inferences/{inference.Id}/revisions?deleted=true")).GetProperty("revisions");
        Assert.Equal(3, revs.GetArrayLength() + deletedRevs.GetArrayLength());
        var rc = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/inferences/{inference.Id}/revisions/count");
        Assert.Equal(revs.GetArrayLength(), rc.GetProperty("count").GetInt32());
        var (s404, b404, _) = await Http.GetAsync(sim.Client, $"api/v1/workloads/inferences/{Data.Workloads.First(x => x.Type == "Training").Id}/revisions");
        Assert.Equal(404, s404);
        Http.AssertRunAiError(b404, 404);
    }

    [Fact]
    public async Task Workload_and_revision_histories_follow_the_lifecycle_to_the_current_phase()
    {
        // One workload per (type, phase), and every revision of the inference ones.
        var owners = new List<(string Url, string Phase)>();
        foreach (var w in Data.Workloads.Where(x => x.DeletedAt is null).GroupBy(x => (x.Type, x.Phase)).Select(g => g.First()))
        {
            owners.Add(($"api/v1/workloads/{w.Id}", w.Phase));
            foreach (var rev in Data.GetRevisionIds(w.Id))
            {
                var revision = await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/inferences/revisions/{rev}");
                owners.Add(($"api/v1/workloads/inferences/revisions/{rev}", revision.GetProperty("phase").GetString()!));
            }
        }

        Assert.Contains(owners, o => o.Url.Contains("/revisions/", StringComparison.Ordinal) && o.Phase == "Creating");
        Assert.Contains(owners, o => o.Url.Contains("/revisions/", StringComparison.Ordinal) && o.Phase == "Initializing");
        string[] lifecycle = ["Creating", "Pending", "Running"];
        foreach (var (url, current) in owners)
        {
            // Records are newest first: reversed, the phase updates are the timeline, oldest first.
            var steps = (await Http.GetJsonAsync(sim.Client, url + "/history?limit=500")).GetProperty("records").EnumerateArray()
                .Where(r => r.GetProperty("meta").GetProperty("type").GetString() == "PhaseUpdate")
                .Select(r => r.GetProperty("spec").GetProperty("phaseUpdate").GetProperty("phase").GetString()!)
                .Reverse().ToList();
            var context = url + " (" + current + "): " + string.Join(" > ", steps);
            Assert.True(steps.Count > 0 && steps[0] == "Creating", context);
            Assert.True(steps[^1] == current, context);
            Assert.True(steps.Distinct().Count() == steps.Count, context);
            var standard = steps.Where(lifecycle.Contains).ToList();
            Assert.True(standard.SequenceEqual(lifecycle.Take(standard.Count)), context);
            Assert.True(steps.Take(standard.Count).SequenceEqual(standard), context);
            if (current is "Creating" or "Initializing" or "Pending")
            {
                Assert.True(!steps.Contains("Running"), context);
            }
        }
    }

    [Fact]
    public async Task Pods_list_filters_completed_verbosity_and_counts()
    {
        var all = await WalkAsync("api/v1/workloads/pods", "pods", 500);
        var ids = all.Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var count = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/pods/count");
        Assert.Equal(all.Count, count.GetProperty("count").GetInt32());
        Assert.All(all, p => Assert.False(p.TryGetProperty("workloadName", out _)));

        var completed = await WalkAsync("api/v1/workloads/pods?completed=true", "pods", 500);
        var notCompleted = await WalkAsync("api/v1/workloads/pods?completed=false", "pods", 500);
        Assert.Equal(all.Count, completed.Count + notCompleted.Count);
        Assert.All(completed, p => Assert.Equal(JsonValueKind.String, p.GetProperty("completedAt").ValueKind));

        var cluster = Data.ClusterIds[1];
        var inCluster = await WalkAsync($"api/v1/workloads/pods?filterBy=clusterId=={cluster}&verbosity=full&sortBy=createdAt&sortOrder=desc", "pods", 500);
        Assert.NotEmpty(inCluster);
        Assert.All(inCluster, p => Assert.Equal(cluster.ToString(), p.GetProperty("clusterId").GetString()));
        Assert.All(inCluster, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("workloadName").GetString())));
        var created = inCluster.Select(p => DateTimeOffset.Parse(p.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.OrderByDescending(d => d), created);

        var w = Data.Workloads.First(x => x.PodCount >= 3 && x.DeletedAt is null);
        var wp = (await Http.GetJsonAsync(sim.Client, $"api/v1/workloads/{w.Id}/pods")).GetProperty("pods");
        Assert.Equal(Data.GetPodIds(w.Id).Select(g => g.ToString()), wp.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var legacy = await Http.GetJsonAsync(sim.Client, $"v1/k8s/clusters/{cluster}/pods");
        Assert.Equal(all.Count(p => p.GetProperty("clusterId").GetString() == cluster.ToString()), legacy.GetArrayLength());
    }

    [Fact]
    public async Task Telemetry_groups_match_the_data()
    {
        var body = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&groupBy=Phase");
        var byPhase = body.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("groups")[0].GetProperty("value").GetString()!, v => int.Parse(v.GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
        foreach (var g in Data.Workloads.Where(w => w.DeletedAt is null).GroupBy(w => w.Phase))
        {
            Assert.Equal(g.Count(), byPhase[g.Key]);
        }

        var total = await Http.GetJsonAsync(sim.Client, "api/v1/workloads/telemetry?telemetryType=WORKLOADS_COUNT&filterByPhases=Failed,Running");
        Assert.Equal(Data.Workloads.Count(w => w.DeletedAt is null && w.Phase is "Failed" or "Running" && w.DeletedAt is null), int.Parse(total.GetProperty("values")[0].GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_phases_types_are_well_spread()
    {
        foreach (var url in new[] { $"api/v1/workloads/{Guid.NewGuid()}/events", $"api/v1/workloads/{Guid.NewGuid()}/pods", $"api/v1/workloads/inferences/revisions/{Guid.NewGuid()}/pods", $"api/v1/workloads/{Data.WorkloadIds[0]}/pods/{Guid.NewGuid()}/metrics?metricType=CPU_USAGE_CORES&start=2025-01-01T00:00:00Z&end=2025-01-01T01:00:00Z" })
        {
            var (s, b, _) = await Http.GetAsync(sim.Client, url);
            Assert.True(s == 404, url + " " + s);
            Http.AssertRunAiError(b, 404);
        }

        var phases = Data.Workloads.GroupBy(w => w.Phase).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(phases["Failed"] > Data.WorkloadCount / 20);
        Assert.True(phases["Running"] > Data.WorkloadCount / 5);
        Assert.True(phases["Pending"] > Data.WorkloadCount / 20);
        Assert.True(phases.Count >= 12);
        Assert.Equal(4, Data.Workloads.Select(w => w.Type).Distinct().Count());
        Assert.Equal(6, Data.Workloads.Select(w => w.ProjectName).Distinct().Count());
    }
}
