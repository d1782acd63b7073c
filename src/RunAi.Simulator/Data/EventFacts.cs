using System;
using System.Collections.Generic;

namespace RunAi.Simulator.Data;

/// <summary>An entry of a history: event <see cref="Index"/> or phase step <see cref="Index"/>, at <see cref="Ticks"/>.</summary>
internal readonly record struct HistoryEntry(bool IsEvent, int Index, long Ticks);

/// <summary>
/// Events and histories of a workload (r &lt; 0) or of its revision r. Events are spread evenly over the owner's
/// active time (a live workload's happen at the times fixed when it was created); a history merges the events with the
/// phase steps.
/// </summary>
internal sealed class EventFacts(SimulatorData data)
{
    public int Count(int i, int r) => r < 0 ? data.Core(i).EventCount : data.Revisions.EventCount(i, r);

    /// <summary>Time of event j, ascending in j (millisecond precision).</summary>
    public long Time(int i, int r, int j)
    {
        if (data.Live(i) is { } live)
        {
            return live.Event(j).Ticks;
        }

        ref readonly var c = ref data.Core(i);
        var (from, to) = r < 0 ? (c.CreatedTicks, c.ActivityEndTicks(data.RefTicks)) : data.Revisions.Span(i, r);
        var n = Count(i, r);
        to = Math.Min(Math.Max(to, from + (TimeSpan.TicksPerSecond * n)), Math.Max(data.RefTicks, from));
        var step = (to - from) / (n + 1);
        return (from + (step * (j + 1))) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
    }

    /// <summary>The phase steps that have happened, oldest first.</summary>
    public IReadOnlyList<PhaseStep> Timeline(int i, int r) => r >= 0 ? data.Revisions.Timeline(i, r)
        : data.Live(i) is { } live ? live.StepsAt(data.NowTicks(i))
        : PhaseTimeline.Of(data.Core(i));

    /// <summary>Events and phase steps, newest first; at equal times phase steps come before events, later indexes first.</summary>
    public List<HistoryEntry> History(int i, int r)
    {
        var list = new List<HistoryEntry>();
        var n = Count(i, r);
        for (var j = 0; j < n; j++)
        {
            list.Add(new HistoryEntry(true, j, Time(i, r, j)));
        }

        var timeline = Timeline(i, r);
        for (var k = 0; k < timeline.Count; k++)
        {
            list.Add(new HistoryEntry(false, k, timeline[k].Ticks));
        }

        list.Sort(static (a, b) => b.Ticks != a.Ticks
            ? b.Ticks.CompareTo(a.Ticks)
            : (a.IsEvent == b.IsEvent ? b.Index.CompareTo(a.Index) : a.IsEvent.CompareTo(b.IsEvent)));
        return list;
    }
}
