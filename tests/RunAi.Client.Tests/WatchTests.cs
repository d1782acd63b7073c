using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using RunAi.Client.Authentication;
using RunAi.Client.Watching;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// Following events and waiting for phases, against a live simulator that runs on the same fake clock as the watch:
/// minutes of polling take milliseconds, and the clock, not the machine's speed, decides what each poll sees.
/// </summary>
public sealed class WatchTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly WatchedClock _clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SimulatorHost _sim = null!;
    private RunAiClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50, Clock = _clock });
        _client = new RunAiClient(new RunAiClientOptions(_sim.BaseUri, new RunAiTokenCredential(_sim.Options.StaticToken)) { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(20) });
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _client?.Dispose();

    [Fact]
    public async Task Follow_reports_every_event_once_oldest_first_and_ends_after_the_workload_ends()
    {
        var id = _sim.AddLiveWorkload("follow-me", LiveOutcome.Completed, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(30));

        var updates = await DriveAsync(_client.FollowWorkloadEventsAsync([id], Options()));

        var events = updates.Where(u => u.Kind == EventFollowUpdateKind.Event).Select(u => u.Event!).ToList();
        var all = await ClientFixture.ToListAsync(_client.ListWorkloadEventsAsync(id, SortOrder.Ascending));
        Assert.Equal(all.Select(e => e.Id), events.Select(e => e.Id));
        Assert.Equal(8, events.Count);
        Assert.All(events, e => Assert.Equal(id, e.WorkloadId));
        var last = updates[^1];
        Assert.Equal(EventFollowUpdateKind.Ended, last.Kind);
        Assert.Equal("Completed", last.Phase);
        Assert.Equal("Completed", events[^1].Reason);
    }

    [Fact]
    public async Task Follow_polls_each_of_several_workloads_once_per_interval()
    {
        var ids = new[]
        {
            _sim.AddLiveWorkload("a", LiveOutcome.Completed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)),
            _sim.AddLiveWorkload("b", LiveOutcome.Failed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40)),
        };
        _sim.ClearRequests();
        var started = _clock.GetUtcNow();

        var updates = await DriveAsync(_client.FollowWorkloadEventsAsync(ids, Options()));

        var elapsed = _clock.GetUtcNow() - started;
        var rounds = (int)(elapsed / Interval) + 1;
        foreach (var id in ids)
        {
            var gets = _sim.Requests.Count(r => r.Path == $"/api/v1/workloads/{id}");
            var reads = _sim.Requests.Count(r => r.Path == $"/api/v1/workloads/{id}/events");
            Assert.InRange(gets, 2, rounds);
            Assert.Equal(gets, reads);
            Assert.All(_sim.Requests.Where(r => r.Path.EndsWith("/events", StringComparison.Ordinal)), r => Assert.Equal("asc", r.Query["sortOrder"][0]));
        }

        Assert.Equal(["Completed", "Failed"], updates.Where(u => u.Kind == EventFollowUpdateKind.Ended).Select(u => u.Phase));
        Assert.Equal(8 + 8, updates.Count(u => u.Kind == EventFollowUpdateKind.Event));
    }

    [Fact]
    public async Task Follow_ends_at_the_timeout_while_the_workload_still_runs()
    {
        var id = _sim.AddLiveWorkload("long", LiveOutcome.Completed, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(30);
        var started = _clock.GetUtcNow();

        var updates = await DriveAsync(_client.FollowWorkloadEventsAsync([id], options));

        Assert.Equal(EventFollowUpdateKind.TimedOut, updates[^1].Kind);
        Assert.Equal(7, updates.Count(u => u.Kind == EventFollowUpdateKind.Event));
        Assert.InRange(_clock.GetUtcNow() - started, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Follow_of_an_unknown_workload_fails_for_it_and_goes_on_with_the_others()
    {
        var unknown = Guid.NewGuid();
        var known = _sim.AddLiveWorkload("known", LiveOutcome.Completed, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        var updates = await DriveAsync(_client.FollowWorkloadEventsAsync([unknown, known], Options()));

        var failed = Assert.Single(updates, u => u.Kind == EventFollowUpdateKind.Failed);
        Assert.Equal(unknown, failed.OwnerId);
        Assert.Equal(404, failed.Failure!.StatusCode);
        Assert.Equal(known, updates.Single(u => u.Kind == EventFollowUpdateKind.Ended).OwnerId);
    }

    [Fact]
    public async Task Follow_keeps_polling_through_an_outage_and_loses_nothing()
    {
        var id = _sim.AddLiveWorkload("outage", LiveOutcome.Completed, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        var failing = 0;
        _sim.Options.Override = r => r.Path.EndsWith("/events", StringComparison.Ordinal) && Interlocked.Increment(ref failing) is > 1 and <= 20
            ? new SimulatedResponse(503, "{\"code\":503,\"message\":\"down\"}")
            : null;

        var updates = await DriveAsync(_client.FollowWorkloadEventsAsync([id], Options()));

        Assert.Contains(updates, u => u.Kind == EventFollowUpdateKind.Retrying && u.Failure!.StatusCode == 503);
        Assert.Equal(8, updates.Where(u => u.Kind == EventFollowUpdateKind.Event).Select(u => u.Event!.Id).Distinct().Count());
        Assert.Equal(8, updates.Count(u => u.Kind == EventFollowUpdateKind.Event));
        Assert.Equal(EventFollowUpdateKind.Ended, updates[^1].Kind);
    }

    [Fact]
    public async Task Follow_reads_again_from_the_start_when_older_events_expired_under_it()
    {
        // A scripted event list: 40 events; by the next poll the oldest 30 have expired and 2 new ones arrived.
        var id = _sim.Data.GetWorkloadId(_sim.Data.Workloads.First(w => w.Phase == "Running" && w.DeletedAt is null).Index);
        var reads = 0;
        _sim.Options.Override = r => r.Path == $"/api/v1/workloads/{id}/events"
            ? EventsPage(Interlocked.Increment(ref reads) == 1 ? Enumerable.Range(0, 40).ToList() : Enumerable.Range(30, 12).ToList(), r)
            : null;
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(12);

        var updates = await DriveAsync(_client.FollowWorkloadEventsAsync([id], options));

        var seen = updates.Where(u => u.Kind == EventFollowUpdateKind.Event).Select(u => int.Parse(u.Event!.Message, CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(0, 42), seen);
        Assert.Equal(EventFollowUpdateKind.TimedOut, updates[^1].Kind);
    }

    [Fact]
    public async Task Wait_reports_each_workload_when_it_reaches_a_wanted_phase_and_waiting_before()
    {
        var soon = _sim.AddLiveWorkload("soon", LiveOutcome.Completed, TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(5));
        var later = _sim.AddLiveWorkload("later", LiveOutcome.Completed, TimeSpan.FromSeconds(16), TimeSpan.FromMinutes(5));
        _sim.ClearRequests();

        var updates = await DriveAsync(_client.WaitForWorkloadsAsync([soon, later], ["Running"], Options()));

        var reached = updates.Where(u => u.State == WorkloadWaitState.Reached).ToList();
        Assert.Equal([soon, later], reached.Select(u => u.WorkloadId));
        Assert.All(reached, u => Assert.Equal("Running", u.Workload!.Phase));
        Assert.Equal(TimeSpan.FromSeconds(10), reached[0].Waited);
        Assert.Equal(TimeSpan.FromSeconds(20), reached[1].Waited);
        Assert.Contains(updates, u => u.State == WorkloadWaitState.Waiting && u.WorkloadId == later && u.Workload!.Phase == "Pending");
        Assert.Equal(3, _sim.Requests.Count(r => r.Path == $"/api/v1/workloads/{soon}"));
        Assert.Equal(5, _sim.Requests.Count(r => r.Path == $"/api/v1/workloads/{later}"));
    }

    [Fact]
    public async Task Wait_for_Completed_on_a_workload_that_fails_ends_with_its_phase()
    {
        var id = _sim.AddLiveWorkload("fails", LiveOutcome.Failed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

        var updates = await DriveAsync(_client.WaitForWorkloadsAsync([id], ["Completed"], Options()));

        var end = updates[^1];
        Assert.Equal(WorkloadWaitState.Ended, end.State);
        Assert.Equal("Failed", end.Workload!.Phase);
        Assert.Equal("Container exited with code 1", end.Workload.PhaseMessage);
    }

    [Fact]
    public async Task Wait_times_out_at_the_timeout_with_the_phase_it_was_in()
    {
        var id = _sim.AddLiveWorkload("stuck", LiveOutcome.Completed, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(12);

        var updates = await DriveAsync(_client.WaitForWorkloadsAsync([id], ["Running"], options));

        var end = updates[^1];
        Assert.Equal(WorkloadWaitState.TimedOut, end.State);
        Assert.Equal("Pending", end.Workload!.Phase);
        Assert.Equal(TimeSpan.FromSeconds(12), end.Waited);
        Assert.Equal(4, updates.Count);
    }

    [Fact]
    public async Task Wait_goes_on_through_an_outage_and_fails_for_good_on_a_refusal()
    {
        var id = _sim.AddLiveWorkload("outage", LiveOutcome.Completed, TimeSpan.FromSeconds(12), TimeSpan.FromHours(1));
        var unknown = Guid.NewGuid();
        var calls = 0;
        _sim.Options.Override = r => r.Path == $"/api/v1/workloads/{id}" && Interlocked.Increment(ref calls) <= 12
            ? new SimulatedResponse(503, "{\"code\":503,\"message\":\"down\"}")
            : null;

        var updates = await DriveAsync(_client.WaitForWorkloadsAsync([id, unknown], ["Running"], Options()));

        Assert.Contains(updates, u => u.WorkloadId == id && u.State == WorkloadWaitState.Waiting && u.Failure?.StatusCode == 503);
        Assert.Equal(WorkloadWaitState.Reached, updates.Single(u => u.WorkloadId == id && u.IsFinal).State);
        var refused = updates.Single(u => u.WorkloadId == unknown);
        Assert.Equal(WorkloadWaitState.Failed, refused.State);
        Assert.Equal(404, refused.Failure!.StatusCode);
    }

    [Fact]
    public void Poll_interval_below_one_second_is_refused()
    {
        var options = new WatchOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PollInterval = TimeSpan.FromMilliseconds(999));
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
    }

    private WatchOptions Options() => new() { PollInterval = Interval, TimeProvider = _clock };

    /// <summary>Reads the whole sequence, moving the fake clock on by a second whenever the watch waits for its next poll.</summary>
    private async Task<List<T>> DriveAsync<T>(IAsyncEnumerable<T> source)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var items = new List<T>();
        var reading = Task.Run(async () =>
        {
            await foreach (var item in source.WithCancellation(stop.Token))
            {
                lock (items)
                {
                    items.Add(item);
                }
            }
        });
        while (!reading.IsCompleted)
        {
            // The clock moves only while the watch waits for its next poll: a round of polls sees one moment.
            if (await Task.WhenAny(reading, Task.Delay(5)) != reading && _clock.SomeoneWaits)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        await reading;
        return items;
    }

    private static SimulatedResponse EventsPage(List<int> numbers, RecordedRequest request)
    {
        var offset = int.Parse(request.Query["offset"][0], CultureInfo.InvariantCulture);
        var limit = int.Parse(request.Query["limit"][0], CultureInfo.InvariantCulture);
        var page = numbers.Skip(offset).Take(limit).ToList();
        var json = new StringBuilder("{");
        if (offset + page.Count < numbers.Count)
        {
            json.Append(CultureInfo.InvariantCulture, $"\"next\":{offset + page.Count},");
        }

        json.Append("\"events\":[");
        json.AppendJoin(',', page.Select(n => string.Create(CultureInfo.InvariantCulture,
            $"{{\"createdAt\":\"2025-01-01T00:00:{n % 60:D2}.000Z\",\"id\":\"{new Guid(n, 0, 0, new byte[8])}\",\"type\":\"Normal\",\"clusterId\":\"{Guid.Empty}\",\"message\":\"{n}\"}}")));
        json.Append("]}");
        return new SimulatedResponse(200, json.ToString());
    }

    /// <summary>A fake clock that knows whether a timer (a watch's wait for its next poll) is pending.</summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private int _pending;

        public bool SomeoneWaits => Volatile.Read(ref _pending) > 0;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _pending);
            var done = 0;
            void Done()
            {
                if (Interlocked.Exchange(ref done, 1) == 0)
                {
                    Interlocked.Decrement(ref _pending);
                }
            }

            var timer = base.CreateTimer(s => { Done(); callback(s); }, state, dueTime, period);
            return new TrackedTimer(timer, Done);
        }

        private sealed class TrackedTimer(ITimer inner, Action done) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                done();
                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                done();
                return inner.DisposeAsync();
            }
        }
    }
}
