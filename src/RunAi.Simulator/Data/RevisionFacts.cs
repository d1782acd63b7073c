using System;
using System.Collections.Generic;
using System.Globalization;

namespace RunAi.Simulator.Data;

/// <summary>
/// Revisions of inference workloads: revision r of n covers the r-th slice of the workload's life; the last one is
/// current and shares the workload's phase, earlier ones are Stopped. The first of three is deleted.
/// </summary>
internal sealed class RevisionFacts(SimulatorData data)
{
    public string Name(int i, int r) => data.WorkloadName(i) + "-0000" + (r + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>When the revision was created and when it last changed (millisecond precision).</summary>
    public (long From, long To) Span(int i, int r)
    {
        ref readonly var c = ref data.Core(i);
        var n = c.RevisionCount;
        var end = c.ActivityEndTicks(data.RefTicks);
        var step = Math.Max(TimeSpan.TicksPerMinute, (end - c.CreatedTicks) / (n + 1));
        var from = Math.Min(c.CreatedTicks + (step * r), data.RefTicks);
        var to = r == n - 1 ? Math.Max(from, Math.Min(end, data.RefTicks)) : Math.Min(from + step, data.RefTicks);
        return (from / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, to / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);
    }

    public bool IsCurrent(int i, int r) => r == data.Core(i).RevisionCount - 1;

    public WorkloadPhase Phase(int i, int r) => IsCurrent(i, r) ? data.Core(i).Phase : WorkloadPhase.Stopped;

    public long DeletedTicks(int i, int r)
    {
        ref readonly var c = ref data.Core(i);
        if (c.IsDeleted)
        {
            return c.DeletedTicks;
        }

        return r == 0 && c.RevisionCount == 3 ? Span(i, 1).From : 0;
    }

    public int PodCount(int i, int r)
    {
        var n = 0;
        var pods = data.Core(i).PodCount;
        for (var p = 0; p < pods; p++)
        {
            if (data.Pods.RevisionOf(i, p) == r)
            {
                n++;
            }
        }

        return n;
    }

    public int EventCount(int i, int r) => 3 + (int)(Hash.Of(data.Seed, EntityKind.RevisionEvent, i, r) % 3);

    /// <summary>A revision is queued 1 s after creation and runs 30 s later at the latest; its last step is its last change.</summary>
    public IReadOnlyList<PhaseStep> Timeline(int i, int r)
    {
        var (from, to) = Span(i, r);
        return PhaseTimeline.Build(Phase(i, r), from, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), to);
    }
}
