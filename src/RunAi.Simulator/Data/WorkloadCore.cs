using System;

namespace RunAi.Simulator.Data;

/// <summary>
/// The stored facts of one workload (about 100 bytes, so hundreds of thousands fit); everything else is derived from
/// them and the seed when a response is written.
/// </summary>
internal struct WorkloadCore
{
    /// <summary><see cref="NodepoolCurrent"/> when the workload holds no node pool.</summary>
    public const byte NoNodepool = 255;

    public WorkloadType Type;
    public WorkloadPhase Phase;
    public byte Project;
    public byte Cluster;
    public byte NodepoolRequested;
    public byte NodepoolCurrent;
    public byte User;
    public byte Framework;

    /// <summary>1-based AI application number; 0 = not part of one.</summary>
    public byte AiApp;
    public byte RevisionCount;
    public byte PodCount;
    public byte EventCount;
    public short ElementCount;
    public int Priority;
    public int PendingSec;
    public int RunningSec;
    public float RequestedGpu;
    public float AllocatedGpu;
    public float IdleAllocatedGpus;
    public long CreatedTicks;
    public long PhaseUpdatedTicks;

    /// <summary>0 = not completed (likewise for the other optional times).</summary>
    public long CompletedTicks;
    public long DeletedTicks;
    public long GuaranteedTicks;

    public readonly bool IsDeleted => DeletedTicks != 0;

    public readonly string ProjectName => Vocabulary.ProjectNames[Project];

    public readonly string ProjectId => Vocabulary.ProjectIds[Project];

    public readonly string DepartmentName => Vocabulary.DepartmentNames[Project % 3];

    public readonly string DepartmentId => Vocabulary.DepartmentIds[Project % 3];

    public readonly string Namespace => "runai-" + ProjectName;

    public readonly string RequestedNodepool => Vocabulary.Nodepools[NodepoolRequested];

    /// <summary>The node pool it runs in, or null when it holds none.</summary>
    public readonly string? CurrentNodepool => NodepoolCurrent == NoNodepool ? null : Vocabulary.Nodepools[NodepoolCurrent];

    /// <summary>Pods that share the workload's requested resources: all of a distributed workload's, else one.</summary>
    public readonly int ResourcePods => Type == WorkloadType.Distributed ? PodCount : 1;

    /// <summary>The time its activity (events, revisions) spreads up to: now while it runs, else its last change.</summary>
    public readonly long ActivityEndTicks(long now)
        => Phase.IsRunning() ? now : Math.Max(Math.Max(Math.Max(PhaseUpdatedTicks, CompletedTicks), DeletedTicks), CreatedTicks);
}
