using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using RunAi.Simulator;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Answers <c>GET /api/v1/workloads/{id}/events</c> from a script (how many events each workload has, how long each
/// answer takes, which ids are missing) through the simulator's Override hook, and records when each request arrived
/// and when its answer was due, so tests can see how many were in flight at once. Event messages are "{id}#{n}",
/// so the order of the output can be checked exactly.
/// </summary>
public sealed class ScriptedEvents
{
    private const string Prefix = "/api/v1/workloads/";
    private const string Suffix = "/events";
    private readonly ConcurrentQueue<EventsCall> _calls = new();
    private readonly long _origin = Stopwatch.GetTimestamp();
    private int _number;

    /// <summary>How many events a workload has (default 3).</summary>
    public Func<Guid, int> CountOf { get; init; } = _ => 3;

    /// <summary>How long each answer (page) for a workload takes (default none).</summary>
    public Func<Guid, TimeSpan> DelayOf { get; init; } = _ => TimeSpan.Zero;

    /// <summary>Ids answered 404.</summary>
    public ISet<Guid> Missing { get; init; } = new HashSet<Guid>();

    /// <summary>Answers a request before the script does (e.g. a 429), given the id and the request's number (1 for the first).</summary>
    public Func<Guid, int, SimulatedResponse?>? Before { get; init; }

    public IReadOnlyList<EventsCall> Calls => _calls.OrderBy(c => c.Start).ToList();

    /// <summary>Seconds since the script was made.</summary>
    public double Now => (double)(Stopwatch.GetTimestamp() - _origin) / Stopwatch.Frequency;

    public static string MessageOf(Guid id, int n) => id.ToString("D") + "#" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The messages a workload's events carry, in the order the server lists them.</summary>
    public IEnumerable<string> MessagesOf(Guid id) => Enumerable.Range(0, CountOf(id)).Select(n => MessageOf(id, n));

    public ScriptedEvents Install(SimulatorHost simulator)
    {
        simulator.Options.Override = Answer;
        return this;
    }

    /// <summary>
    /// The most requests in flight at once. A call is counted from its arrival until its answer was due (the end of its
    /// delay, less the timers' slack), which is never later than it really ended, so this never overstates the overlap.
    /// </summary>
    public int MaxInFlight()
    {
        // At each arrival: the calls that had arrived and were not yet due, itself included (even with no delay).
        var calls = Calls;
        return calls.Count == 0 ? 0 : calls.Max(c => calls.Count(o => o == c || (o.Start <= c.Start && o.End > c.Start)));
    }

    private SimulatedResponse? Answer(RecordedRequest request)
    {
        if (!request.Path.StartsWith(Prefix, StringComparison.Ordinal) || !request.Path.EndsWith(Suffix, StringComparison.Ordinal)
            || !Guid.TryParse(request.Path[Prefix.Length..^Suffix.Length], out var id))
        {
            return null;
        }

        var start = Now;
        var offset = request.Query.TryGetValue("offset", out var o) ? int.Parse(o.Single(), CultureInfo.InvariantCulture) : 0;
        var limit = request.Query.TryGetValue("limit", out var l) ? int.Parse(l.Single(), CultureInfo.InvariantCulture) : 100;
        var delay = DelayOf(id);
        var number = Interlocked.Increment(ref _number);
        var early = Before?.Invoke(id, number);
        // .NET's timers run on the system's coarse clock (4 ms steps on Linux), so an answer may go out a few
        // milliseconds before its delay has passed: the call is counted as due 10 ms early, so the estimate never
        // outlasts the real request.
        var due = start + Math.Max(0, (early is null ? delay : early.Delay).TotalSeconds - 0.010);
        _calls.Enqueue(new EventsCall(id, offset, start, due, early?.StatusCode ?? (Missing.Contains(id) ? 404 : 200)));
        if (early is not null)
        {
            return early;
        }

        if (Missing.Contains(id))
        {
            return new SimulatedResponse(404, "{\"code\":404,\"message\":\"Workload " + id + " not found\"}") { Delay = delay };
        }

        var count = CountOf(id);
        var events = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, count - offset))).Select(n =>
            "{\"createdAt\":\"2026-01-01T00:00:00Z\",\"type\":\"Normal\",\"clusterId\":\"" + Guid.Empty + "\",\"message\":\"" + MessageOf(id, n) + "\"}");
        var next = offset + limit < count ? ",\"next\":" + (offset + limit).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return new SimulatedResponse(200, "{\"events\":[" + string.Join(",", events) + "]" + next + "}") { Delay = delay };
    }
}

/// <summary>One events request: the workload, the page's offset, when it arrived and when its answer was due (seconds), and the status scripted.</summary>
public sealed record EventsCall(Guid Id, int Offset, double Start, double End, int Status);
