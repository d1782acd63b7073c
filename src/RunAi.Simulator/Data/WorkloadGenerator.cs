using System;

namespace RunAi.Simulator.Data;

/// <summary>Draws a workload's stored facts from the seed and its index (the same index always gives the same workload).</summary>
internal static class WorkloadGenerator
{
    private static readonly WeightedTable<WorkloadType> TypeWeights = new(
        (WorkloadType.Training, 40), (WorkloadType.Workspace, 25), (WorkloadType.Inference, 20), (WorkloadType.Distributed, 15));

    private static readonly WeightedTable<WorkloadPhase> PhaseWeights = new(
        (WorkloadPhase.Running, 30), (WorkloadPhase.Pending, 15), (WorkloadPhase.Failed, 15), (WorkloadPhase.Completed, 12),
        (WorkloadPhase.Stopped, 6), (WorkloadPhase.Creating, 2), (WorkloadPhase.Initializing, 2), (WorkloadPhase.Resuming, 2),
        (WorkloadPhase.Deleting, 2), (WorkloadPhase.Updating, 3), (WorkloadPhase.Stopping, 2), (WorkloadPhase.Degraded, 4),
        (WorkloadPhase.Terminating, 3), (WorkloadPhase.Unknown, 2));

    /// <summary>Workloads are created up to this long before the reference time.</summary>
    private const int MaxAgeDays = 90;

    public static WorkloadCore Generate(int seed, long now, int index)
    {
        // The draws happen in a fixed order: reordering them changes every workload after the first changed draw.
        var h = Hash.For(seed, EntityKind.WorkloadCore, index);
        var c = default(WorkloadCore);
        c.Type = TypeWeights.Pick(ref h);
        c.Phase = PhaseWeights.Pick(ref h);
        if (c.Type == WorkloadType.Inference && c.Phase == WorkloadPhase.Completed)
        {
            c.Phase = WorkloadPhase.Running; // inference services do not complete
        }

        c.Project = (byte)h.Int(Vocabulary.ProjectNames.Length);
        c.Cluster = (byte)(c.Project % 3);
        c.NodepoolRequested = (byte)h.Int(Vocabulary.Nodepools.Length);
        DrawTimes(ref c, ref h, now);
        c.Priority = c.Type.Priority();
        c.User = (byte)h.Int(Vocabulary.Users.Length);
        c.Framework = (byte)h.Int(Vocabulary.Frameworks.Length);
        c.AiApp = (byte)(h.Int(10) == 0 ? 1 + h.Int(5) : 0);
        c.RevisionCount = (byte)(c.Type == WorkloadType.Inference ? h.Range(1, 3) : 0);
        c.PodCount = (byte)(c.Type switch
        {
            WorkloadType.Distributed => h.Range(2, 4),
            WorkloadType.Inference => Math.Max(c.RevisionCount, h.Range(1, 3)),
            WorkloadType.Training => h.Range(1, 2),
            _ => 1,
        });
        c.EventCount = (byte)h.Range(3, 8);
        c.ElementCount = (short)(index % 37 == 5 ? 120 + h.Int(130) : h.Int(6));
        DrawGpus(ref c, ref h);
        c.GuaranteedTicks = c.Type == WorkloadType.Training && c.Phase == WorkloadPhase.Running ? c.CreatedTicks + (TimeSpan.TicksPerHour * 4) : 0;
        return c;
    }

    /// <summary>Creation, time pending and running, last phase change, completion and deletion (all at or before now).</summary>
    private static void DrawTimes(ref WorkloadCore c, ref Hash h, long now)
    {
        var ageSec = (long)(h.Double() * MaxAgeDays * 86400);
        c.CreatedTicks = (now - (ageSec * TimeSpan.TicksPerSecond)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
        var maxSec = Math.Max(1, (now - c.CreatedTicks) / TimeSpan.TicksPerSecond);
        var pendingSec = (int)Math.Min(maxSec, h.Range(5, 3600));
        if (c.Phase.IsUnscheduled())
        {
            c.PhaseUpdatedTicks = Math.Min(now, c.CreatedTicks + (TimeSpan.TicksPerSecond * 2));
            c.PendingSec = c.Phase == WorkloadPhase.Pending ? (int)Math.Min(int.MaxValue, maxSec) : 0;
            c.RunningSec = 0;
        }
        else
        {
            c.PendingSec = pendingSec;
            var runStart = c.CreatedTicks + (pendingSec * TimeSpan.TicksPerSecond);
            var remaining = Math.Max(0, (now - runStart) / TimeSpan.TicksPerSecond);
            if (c.Phase.IsTerminal())
            {
                var run = Math.Min(remaining, h.Range(60, 3 * 86400));
                c.RunningSec = (int)run;
                c.CompletedTicks = runStart + (run * TimeSpan.TicksPerSecond);
                c.PhaseUpdatedTicks = c.CompletedTicks;
            }
            else
            {
                c.RunningSec = (int)Math.Min(int.MaxValue, remaining);
                c.PhaseUpdatedTicks = Math.Min(now, runStart + ((long)(remaining * h.Double()) * TimeSpan.TicksPerSecond));
            }
        }

        if (h.Int(100) < 6)
        {
            var baseTicks = Math.Max(c.PhaseUpdatedTicks, c.CompletedTicks);
            c.DeletedTicks = Math.Min(now, baseTicks + (h.Range(60, 7200) * TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>Requested GPUs; a running, not deleted workload holds them (some idle) and its node pool.</summary>
    private static void DrawGpus(ref WorkloadCore c, ref Hash h)
    {
        var gpusPerPod = c.Type switch
        {
            WorkloadType.Workspace => h.Int(2) == 0 ? 0.5 : 1,
            WorkloadType.Inference => 1,
            _ => 1 << h.Int(4),
        };
        c.RequestedGpu = (float)(gpusPerPod * c.ResourcePods);
        var allocating = c.Phase.IsRunning() && !c.IsDeleted;
        c.AllocatedGpu = allocating ? c.RequestedGpu : 0;
        c.IdleAllocatedGpus = allocating ? (float)(Math.Round(c.AllocatedGpu * h.Double() * 4) / 4) : 0;
        c.NodepoolCurrent = allocating || c.Phase.IsTerminal() ? c.NodepoolRequested : WorkloadCore.NoNodepool;
    }
}
