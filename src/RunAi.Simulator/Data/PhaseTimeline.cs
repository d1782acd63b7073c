using System;
using System.Collections.Generic;

namespace RunAi.Simulator.Data;

/// <summary>One phase change: the phase entered and when.</summary>
internal readonly record struct PhaseStep(WorkloadPhase Phase, long Ticks);

/// <summary>
/// The lifecycle every workload and revision goes through, oldest step first: Creating, then Pending once it was
/// queued, Running once it was scheduled, then its current phase when that is none of those. Workloads and revisions
/// differ only in how long after creation they are queued and started. Steps carry their times, so a clock can tell
/// which of them have happened.
/// </summary>
internal static class PhaseTimeline
{
    /// <summary>
    /// The steps that lead to <paramref name="current"/>. Steps never go back in time: queuing and starting happen at
    /// the last change (<paramref name="settledAt"/>) at the latest, and starting not before queuing.
    /// </summary>
    public static IReadOnlyList<PhaseStep> Build(WorkloadPhase current, long createdAt, TimeSpan queuedAfter, TimeSpan startedAfter, long settledAt)
    {
        var queuedAt = Math.Min(createdAt + queuedAfter.Ticks, settledAt);
        var startedAt = Math.Max(Math.Min(createdAt + startedAfter.Ticks, settledAt), queuedAt);
        var steps = new List<PhaseStep>(4) { new(WorkloadPhase.Creating, createdAt) };
        if (current != WorkloadPhase.Creating)
        {
            steps.Add(new(WorkloadPhase.Pending, queuedAt));
        }

        if (!current.IsUnscheduled())
        {
            steps.Add(new(WorkloadPhase.Running, startedAt));
        }

        if (current is not (WorkloadPhase.Creating or WorkloadPhase.Pending or WorkloadPhase.Running))
        {
            steps.Add(new(current, settledAt));
        }

        return steps;
    }

    /// <summary>A workload is queued 2 s after creation and starts after its pending time; its last step is its last phase change.</summary>
    public static IReadOnlyList<PhaseStep> Of(in WorkloadCore c)
        => Build(c.Phase, c.CreatedTicks, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(c.PendingSec), c.PhaseUpdatedTicks);
}
