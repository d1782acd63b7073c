using System;
using System.Globalization;

namespace RunAi.Simulator.Data;

/// <summary>
/// Pods of workloads. Pod p of workload i is addressed as (i, p); lists use a global row number, workload-major.
/// An inference workload's pods are spread over its revisions; pods of older revisions have completed.
/// </summary>
internal sealed class PodFacts(SimulatorData data)
{
    /// <summary>The global row of a pod.</summary>
    public int Row(int i, int p) => data.PodStart(i) + p;

    /// <summary>The workload and pod of a global row.</summary>
    public (int Workload, int Pod) Locate(int row)
    {
        var lo = 0;
        var hi = data.WorkloadCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (data.PodStart(mid) <= row)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return (lo, row - data.PodStart(lo));
    }

    /// <summary>The revision the pod belongs to, or -1 (not an inference workload).</summary>
    public int RevisionOf(int i, int p)
    {
        ref readonly var c = ref data.Core(i);
        return c.RevisionCount == 0 ? -1 : p % c.RevisionCount;
    }

    public string Name(int i, int p)
    {
        ref readonly var c = ref data.Core(i);
        return c.Type switch
        {
            WorkloadType.Distributed => data.WorkloadName(i) + (p == 0 ? "-master-0" : "-worker-" + (p - 1).ToString(CultureInfo.InvariantCulture)),
            WorkloadType.Inference => data.Revisions.Name(i, RevisionOf(i, p)) + "-deployment-" + p.ToString(CultureInfo.InvariantCulture),
            _ => data.WorkloadName(i) + "-0-" + p.ToString(CultureInfo.InvariantCulture),
        };
    }

    public long CreatedTicks(int i, int p)
    {
        var r = RevisionOf(i, p);
        var baseTicks = r < 0 ? data.Core(i).CreatedTicks : data.Revisions.Span(i, r).From;
        return Math.Min(data.NowTicks(i), baseTicks + ((p + 1) * TimeSpan.TicksPerSecond));
    }

    /// <summary>Containers start 20 s after the pod is created (when it is scheduled at all).</summary>
    public long StartedTicks(int i, int p) => Math.Min(data.NowTicks(i), CreatedTicks(i, p) + (TimeSpan.TicksPerSecond * 20));

    public long CompletedTicks(int i, int p)
    {
        var r = RevisionOf(i, p);
        return r >= 0 && !data.Revisions.IsCurrent(i, r) ? data.Revisions.Span(i, r).To : data.Core(i).CompletedTicks;
    }

    public long DeletedTicks(int i, int p)
    {
        var r = RevisionOf(i, p);
        return r >= 0 ? data.Revisions.DeletedTicks(i, r) : data.Core(i).DeletedTicks;
    }

    public bool IsScheduled(int i) => !data.Core(i).Phase.IsUnscheduled();

    public string? NodeName(int i, int p)
    {
        ref readonly var c = ref data.Core(i);
        return IsScheduled(i)
            ? "node-" + (char)('a' + c.Cluster) + "-" + ((int)(Hash.Of(data.Seed, EntityKind.Pod, i, p) % 24)).ToString("D2", CultureInfo.InvariantCulture)
            : null;
    }

    public string? Nodepool(int i) => IsScheduled(i) ? data.Core(i).RequestedNodepool : null;

    public string K8sPhase(int i, int p)
    {
        var r = RevisionOf(i, p);
        return r >= 0 && !data.Revisions.IsCurrent(i, r) ? "Succeeded" : data.Core(i).Phase.K8sPhase();
    }
}
