using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace RunAi.Simulator;

/// <summary>Key facts about one generated workload, for tests that need to pick ids.</summary>
public sealed record WorkloadInfo(
    int Index,
    Guid Id,
    string Name,
    string Type,
    string Phase,
    string Category,
    string ProjectName,
    string ProjectId,
    string DepartmentId,
    Guid ClusterId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DeletedAt,
    int PodCount,
    int EventCount,
    int HistoryCount,
    int RevisionCount,
    int ElementCount);

/// <summary>The deterministic data set. Workload details are generated on demand from the index.</summary>
public sealed class SimulatorData
{
    internal const int KindCluster = 1, KindWorkload = 2, KindRevision = 3, KindPod = 4, KindEvent = 5, KindRevisionEvent = 6,
        KindElement = 7, KindMonitorEvent = 8, KindDatasource = 9, KindEnvironment = 10, KindUid = 11, KindAiApp = 12, KindCore = 13;

    internal static readonly string[] Types = ["Training", "Workspace", "Inference", "Distributed"];
    internal static readonly string[] Phases = ["Creating", "Initializing", "Resuming", "Pending", "Deleting", "Running", "Updating", "Stopped", "Stopping", "Degraded", "Failed", "Completed", "Terminating", "Unknown"];
    internal static readonly string[] ProjectNames = ["team-a", "team-b", "team-c", "team-d", "team-e", "team-f"];
    internal static readonly string[] ProjectIds = ["4501", "4502", "4503", "4504", "4505", "4506"];
    internal static readonly string[] DepartmentNames = ["research", "engineering", "ml-platform"];
    internal static readonly string[] DepartmentIds = ["21", "22", "23"];
    internal static readonly string[] Nodepools = ["default", "a100-pool", "h100-pool", "cpu-pool"];
    internal static readonly string[] Users = ["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com", "erin@example.com", "frank@example.com", "grace@example.com", "heidi@example.com"];
    internal static readonly string[] Frameworks = ["PyTorch", "TF", "MPI", "XGBoost", "JAX"];
    internal static readonly string[] Words = ["bert", "llama", "resnet", "gpt", "vit", "whisper", "mistral", "yolo", "t5", "clip", "sdxl", "gemma"];
    internal static readonly string[] Images = ["nvcr.io/nvidia/pytorch:24.05-py3", "nvcr.io/nvidia/tensorflow:24.05-tf2-py3", "jupyter/scipy-notebook:latest", "nvcr.io/nim/meta/llama3-8b-instruct:1.0.0", "vllm/vllm-openai:v0.5.0", "runai/tensorboard:2.16"];

    private readonly WorkloadCore[] cores;
    private readonly int[] podStart;
    private readonly Guid[] clusterIds;
    private readonly Dictionary<Guid, int> clusterIndex = [];
    private readonly int seed;

    internal SimulatorData(int seed, int workloadCount, DateTimeOffset referenceTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workloadCount);
        this.seed = seed;
        ReferenceTime = referenceTime;
        RefTicks = referenceTime.UtcTicks;
        clusterIds = new Guid[3];
        for (var c = 0; c < clusterIds.Length; c++)
        {
            clusterIds[c] = MakeId(KindCluster, c, 0);
            clusterIndex[clusterIds[c]] = c;
        }

        cores = new WorkloadCore[workloadCount];
        podStart = new int[workloadCount + 1];
        var active = new List<int>(workloadCount);
        var deleted = new List<int>();
        for (var i = 0; i < workloadCount; i++)
        {
            cores[i] = Generate(i);
            podStart[i + 1] = podStart[i] + cores[i].PodCount;
            (cores[i].DeletedTicks != 0 ? deleted : active).Add(i);
        }

        ActiveIndexes = active.ToArray();
        DeletedIndexes = deleted.ToArray();
        WorkloadIds = new IdList(this);
        for (var i = 0; i < workloadCount; i++)
        {
            if (cores[i].ElementCount >= 120 && ElementsHeavyWorkloadIndex < 0 && cores[i].DeletedTicks == 0)
            {
                ElementsHeavyWorkloadIndex = i;
            }
        }
    }

    /// <summary>"Now" of the data set.</summary>
    public DateTimeOffset ReferenceTime { get; }

    internal long RefTicks { get; }

    /// <summary>Number of workloads (deleted included).</summary>
    public int WorkloadCount => cores.Length;

    /// <summary>Ids of all workloads in generation order (the default list order), deleted included.</summary>
    public IReadOnlyList<Guid> WorkloadIds { get; }

    /// <summary>The three cluster ids.</summary>
    public IReadOnlyList<Guid> ClusterIds => clusterIds;

    /// <summary>Project names (team-a .. team-f).</summary>
    public IReadOnlyList<string> Projects => ProjectNames;

    /// <summary>Total number of pods (deleted workloads' pods included).</summary>
    public int PodCount => podStart[^1];

    /// <summary>Index of the first non-deleted workload with 120+ structure elements, or -1.</summary>
    public int ElementsHeavyWorkloadIndex { get; } = -1;

    /// <summary>Id of the first non-deleted workload with 120+ structure elements (Guid.Empty when none).</summary>
    public Guid ElementsHeavyWorkloadId => ElementsHeavyWorkloadIndex < 0 ? Guid.Empty : GetWorkloadId(ElementsHeavyWorkloadIndex);

    /// <summary>Number of non-deleted workloads (the default list's total).</summary>
    public int ActiveWorkloadCount => ActiveIndexes.Length;

    /// <summary>Number of deleted workloads.</summary>
    public int DeletedWorkloadCount => DeletedIndexes.Length;

    /// <summary>Ids of the cluster-monitor events, newest first.</summary>
    public IReadOnlyList<Guid> ClusterEventIds
    {
        get
        {
            var ids = new Guid[MonitorEventCount];
            for (var k = 0; k < ids.Length; k++)
            {
                ids[k] = MakeId(KindMonitorEvent, k, 0);
            }

            return ids;
        }
    }

    internal const int MonitorEventCount = 1000;

    internal int[] ActiveIndexes { get; }

    internal int[] DeletedIndexes { get; }

    internal int Seed => seed;

    internal ref readonly WorkloadCore Core(int index) => ref cores[index];

    internal int PodStart(int index) => podStart[index];

    /// <summary>Workload id of the given index.</summary>
    public Guid GetWorkloadId(int index) => MakeId(KindWorkload, index, 0);

    /// <summary>Index of a workload id, or -1.</summary>
    public int IndexOf(Guid workloadId) => Decode(workloadId, KindWorkload, out var index, out _) && index < cores.Length ? index : -1;

    /// <summary>Phase of the workload at the index.</summary>
    public string GetWorkloadPhase(int index) => Phases[cores[index].Phase];

    /// <summary>Type of the workload at the index.</summary>
    public string GetWorkloadType(int index) => Types[cores[index].Type];

    /// <summary>Name of the workload at the index.</summary>
    public string GetWorkloadName(int index) => WorkloadName(index);

    /// <summary>Whether the workload at the index is deleted.</summary>
    public bool IsDeleted(int index) => cores[index].DeletedTicks != 0;

    /// <summary>Key facts about the workload at the index.</summary>
    public WorkloadInfo GetWorkload(int index)
    {
        ref readonly var c = ref cores[index];
        return new WorkloadInfo(
            index, GetWorkloadId(index), WorkloadName(index), Types[c.Type], Phases[c.Phase], Category(c.Type),
            ProjectNames[c.Project], ProjectIds[c.Project], DepartmentIds[c.Project % 3], clusterIds[c.Cluster],
            Dto(c.CreatedTicks), c.CompletedTicks == 0 ? null : Dto(c.CompletedTicks), c.DeletedTicks == 0 ? null : Dto(c.DeletedTicks),
            c.PodCount, c.EventCount, HistoryCount(index), c.RevisionCount, c.ElementCount);
    }

    /// <summary>All workloads in generation order (computed lazily).</summary>
    public IEnumerable<WorkloadInfo> Workloads
    {
        get
        {
            for (var i = 0; i < cores.Length; i++)
            {
                yield return GetWorkload(i);
            }
        }
    }

    /// <summary>Revision ids of an inference workload (empty for other types).</summary>
    public IReadOnlyList<Guid> GetRevisionIds(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        if (i < 0)
        {
            return [];
        }

        var ids = new Guid[cores[i].RevisionCount];
        for (var r = 0; r < ids.Length; r++)
        {
            ids[r] = RevisionId(i, r);
        }

        return ids;
    }

    /// <summary>Pod ids of a workload.</summary>
    public IReadOnlyList<Guid> GetPodIds(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        if (i < 0)
        {
            return [];
        }

        var ids = new Guid[cores[i].PodCount];
        for (var p = 0; p < ids.Length; p++)
        {
            ids[p] = PodId(i, p);
        }

        return ids;
    }

    /// <summary>Number of events of a workload (-1 when unknown).</summary>
    public int GetEventCount(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        return i < 0 ? -1 : cores[i].EventCount;
    }

    /// <summary>Number of history records of a workload (-1 when unknown).</summary>
    public int GetHistoryCount(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        return i < 0 ? -1 : HistoryCount(i);
    }

    /// <summary>Number of structure elements stored for a workload (-1 when unknown).</summary>
    public int GetElementCount(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        return i < 0 ? -1 : cores[i].ElementCount;
    }

    // ---------------------------------------------------------------- ids

    internal Guid MakeId(int kind, int index, int sub)
    {
        var h = Hash.Of(seed, kind, index, sub);
        return new Guid(
            (int)h,
            (short)(h >> 32),
            (short)(0x4000 | (int)((h >> 48) & 0x0FFF)),
            (byte)(0x80 | kind),
            (byte)(h >> 60),
            (byte)(sub >> 8),
            (byte)sub,
            (byte)(index >> 24),
            (byte)(index >> 16),
            (byte)(index >> 8),
            (byte)index);
    }

    internal bool Decode(Guid id, int kind, out int index, out int sub)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b);
        index = (b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
        sub = (b[10] << 8) | b[11];
        return b[8] == (0x80 | kind) && index >= 0 && MakeId(kind, index, sub) == id;
    }

    internal Guid RevisionId(int index, int r) => MakeId(KindRevision, index, r);

    internal Guid PodId(int index, int p) => MakeId(KindPod, index, p);

    internal Guid ClusterId(int cluster) => clusterIds[cluster];

    internal int ClusterIndexOf(Guid id) => clusterIndex.TryGetValue(id, out var c) ? c : -1;

    // ---------------------------------------------------------------- derived values

    internal static string Category(int type) => type switch { 1 => "Build", 2 => "Deploy", _ => "Train" };

    internal static string TypePrefix(int type) => type switch { 0 => "train", 1 => "ws", 2 => "infer", _ => "dist" };

    internal string WorkloadName(int index)
    {
        var h = Hash.For(seed, KindCore, index, 7);
        return string.Create(CultureInfo.InvariantCulture, $"{TypePrefix(cores[index].Type)}-{h.Pick(Words)}-{index}");
    }

    internal int HistoryCount(int index) => cores[index].EventCount + PhaseUpdateCount(index);

    internal int PhaseUpdateCount(int index) => PhaseTimeline(index).Count;

    internal static DateTimeOffset Dto(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Phase updates (phase index, time) in ascending time.</summary>
    internal List<(int Phase, long Ticks)> PhaseTimeline(int index)
    {
        ref readonly var c = ref cores[index];
        var list = new List<(int, long)> { (0, c.CreatedTicks) };
        const int pending = 3, running = 5;
        var pendingAt = Math.Min(c.CreatedTicks + TimeSpan.TicksPerSecond * 2, c.PhaseUpdatedTicks);
        if (c.Phase != 0)
        {
            list.Add((pending, pendingAt));
        }

        var ran = c.Phase is not (0 or 1 or pending);
        if (ran)
        {
            var runAt = Math.Min(c.CreatedTicks + (c.PendingSec * TimeSpan.TicksPerSecond), c.PhaseUpdatedTicks);
            list.Add((running, Math.Max(runAt, pendingAt)));
        }

        if (c.Phase is not (0 or pending or running))
        {
            list.Add((c.Phase, c.PhaseUpdatedTicks));
        }

        return list;
    }

    private WorkloadCore Generate(int i)
    {
        var h = Hash.For(seed, KindCore, i);
        var c = default(WorkloadCore);
        var t = h.Int(100);
        c.Type = (byte)(t < 40 ? 0 : t < 65 ? 1 : t < 85 ? 2 : 3);
        var p = h.Int(100);
        c.Phase = (byte)(p < 30 ? 5 : p < 45 ? 3 : p < 60 ? 10 : p < 72 ? 11 : p < 78 ? 7 : p < 80 ? 0 : p < 82 ? 1 : p < 84 ? 2 : p < 86 ? 4 : p < 89 ? 6 : p < 91 ? 8 : p < 95 ? 9 : p < 98 ? 12 : 13);
        if (c.Type == 2 && c.Phase == 11)
        {
            c.Phase = 5; // inference services do not complete
        }

        c.Project = (byte)h.Int(ProjectNames.Length);
        c.Cluster = (byte)(c.Project % 3);
        c.NodepoolRequested = (byte)h.Int(Nodepools.Length);
        var refTicks = RefTicks;
        var ageSec = (long)(h.Double() * 90 * 86400);
        c.CreatedTicks = (refTicks - (ageSec * TimeSpan.TicksPerSecond)) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
        var maxSec = Math.Max(1, (refTicks - c.CreatedTicks) / TimeSpan.TicksPerSecond);
        var pendingSec = (int)Math.Min(maxSec, h.Range(5, 3600));
        var phaseIsPendingLike = c.Phase is 0 or 1 or 3;
        if (phaseIsPendingLike)
        {
            c.PhaseUpdatedTicks = Math.Min(refTicks, c.CreatedTicks + (TimeSpan.TicksPerSecond * 2));
            c.PendingSec = c.Phase == 3 ? (int)Math.Min(int.MaxValue, maxSec) : 0;
            c.RunningSec = 0;
        }
        else
        {
            c.PendingSec = pendingSec;
            var runStart = c.CreatedTicks + (pendingSec * TimeSpan.TicksPerSecond);
            var remaining = Math.Max(0, (refTicks - runStart) / TimeSpan.TicksPerSecond);
            var ended = c.Phase is 7 or 10 or 11;
            if (ended)
            {
                var run = Math.Min(remaining, h.Range(60, 3 * 86400));
                c.RunningSec = (int)run;
                c.CompletedTicks = runStart + (run * TimeSpan.TicksPerSecond);
                c.PhaseUpdatedTicks = c.CompletedTicks;
            }
            else
            {
                c.RunningSec = (int)Math.Min(int.MaxValue, remaining);
                c.PhaseUpdatedTicks = Math.Min(refTicks, runStart + ((long)(remaining * h.Double()) * TimeSpan.TicksPerSecond));
            }
        }

        if (h.Int(100) < 6)
        {
            var baseTicks = Math.Max(c.PhaseUpdatedTicks, c.CompletedTicks);
            c.DeletedTicks = Math.Min(refTicks, baseTicks + (h.Range(60, 7200) * TimeSpan.TicksPerSecond));
        }

        c.Priority = c.Type switch { 1 => 75, 2 => 125, _ => 50 };
        c.User = (byte)h.Int(Users.Length);
        c.Framework = (byte)h.Int(Frameworks.Length);
        c.AiApp = (byte)(h.Int(10) == 0 ? 1 + h.Int(5) : 0);
        c.RevisionCount = (byte)(c.Type == 2 ? h.Range(1, 3) : 0);
        c.PodCount = (byte)(c.Type switch { 3 => h.Range(2, 4), 2 => Math.Max(c.RevisionCount, h.Range(1, 3)), 0 => h.Range(1, 2), _ => 1 });
        c.EventCount = (byte)h.Range(3, 8);
        c.ElementCount = (short)(i % 37 == 5 ? 120 + h.Int(130) : h.Int(6));
        var gpusPerPod = c.Type switch { 1 => h.Int(2) == 0 ? 0.5 : 1, 2 => 1, _ => 1 << h.Int(4) };
        c.RequestedGpu = (float)(gpusPerPod * (c.Type == 3 ? c.PodCount : 1));
        var allocating = c.Phase is 5 or 6 or 9 && c.DeletedTicks == 0;
        c.AllocatedGpu = allocating ? c.RequestedGpu : 0;
        c.IdleAllocatedGpus = allocating ? (float)(Math.Round(c.AllocatedGpu * h.Double() * 4) / 4) : 0;
        c.NodepoolCurrent = (byte)(allocating || c.Phase is 7 or 10 or 11 ? c.NodepoolRequested : 255);
        c.GuaranteedTicks = c.Type == 0 && c.Phase == 5 ? c.CreatedTicks + (TimeSpan.TicksPerHour * 4) : 0;
        return c;
    }

    private sealed class IdList(SimulatorData data) : IReadOnlyList<Guid>
    {
        public Guid this[int index] => (uint)index < (uint)data.WorkloadCount ? data.GetWorkloadId(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => data.WorkloadCount;

        public IEnumerator<Guid> GetEnumerator()
        {
            for (var i = 0; i < data.WorkloadCount; i++)
            {
                yield return data.GetWorkloadId(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

internal struct WorkloadCore
{
    public byte Type;
    public byte Phase;
    public byte Project;
    public byte Cluster;
    public byte NodepoolRequested;
    public byte NodepoolCurrent;
    public byte User;
    public byte Framework;
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
    public long CompletedTicks;
    public long DeletedTicks;
    public long GuaranteedTicks;
}
