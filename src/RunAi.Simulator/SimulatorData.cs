using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using RunAi.Simulator.Data;

namespace RunAi.Simulator;

/// <summary>
/// The deterministic data set: the same seed, size and reference time give the same workloads, ids and times.
/// Only each workload's core facts are stored; pods, revisions, events and the rest are derived on demand.
/// </summary>
public sealed class SimulatorData
{
    /// <summary>Number of cluster-monitor events (the service keeps 72 hours of them).</summary>
    internal const int ClusterEventCount = 1000;

    private readonly WorkloadCore[] cores;
    private readonly TimeProvider clock;
    private readonly Lock liveGate = new();
    private readonly int[] podStart;
    private readonly Guid[] clusterIds;
    private readonly Dictionary<Guid, int> clusterIndex = [];
    private readonly int elementsHeavyIndex = -1;

    // Copied on write, so a request reads them without a lock; live workloads follow the generated ones' indexes.
    private LiveWorkload[] live = [];
    private int[] activeIndexes;

    internal SimulatorData(int seed, int workloadCount, DateTimeOffset referenceTime, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfNegative(workloadCount);
        Seed = seed;
        ReferenceTime = referenceTime;
        RefTicks = referenceTime.UtcTicks;
        Pods = new PodFacts(this);
        Revisions = new RevisionFacts(this);
        Events = new EventFacts(this);
        clusterIds = new Guid[3];
        for (var c = 0; c < clusterIds.Length; c++)
        {
            clusterIds[c] = MakeId(EntityKind.Cluster, c, 0);
            clusterIndex[clusterIds[c]] = c;
        }

        cores = new WorkloadCore[workloadCount];
        podStart = new int[workloadCount + 1];
        var active = new List<int>(workloadCount);
        var deleted = new List<int>();
        for (var i = 0; i < workloadCount; i++)
        {
            cores[i] = WorkloadGenerator.Generate(seed, RefTicks, i);
            podStart[i + 1] = podStart[i] + cores[i].PodCount;
            (cores[i].IsDeleted ? deleted : active).Add(i);
            if (elementsHeavyIndex < 0 && cores[i].ElementCount >= 120 && !cores[i].IsDeleted)
            {
                elementsHeavyIndex = i;
            }
        }

        activeIndexes = active.ToArray();
        DeletedIndexes = deleted.ToArray();
        WorkloadIds = new IdList(this);
    }

    /// <summary>"Now" of the data set.</summary>
    public DateTimeOffset ReferenceTime { get; }

    /// <summary>Number of generated workloads (deleted included; live workloads not included).</summary>
    public int WorkloadCount => cores.Length;

    /// <summary>Number of live workloads (see <see cref="SimulatorHost.AddLiveWorkload"/>).</summary>
    public int LiveWorkloadCount => Volatile.Read(ref live).Length;

    /// <summary>Ids of all generated workloads in generation order (the default list order), deleted included.</summary>
    public IReadOnlyList<Guid> WorkloadIds { get; }

    /// <summary>The three cluster ids.</summary>
    public IReadOnlyList<Guid> ClusterIds => clusterIds;

    /// <summary>Total number of pods (deleted workloads' pods included).</summary>
    public int PodCount => podStart[^1];

    /// <summary>Id of the first non-deleted workload with 120+ structure elements (Guid.Empty when none).</summary>
    public Guid ElementsHeavyWorkloadId => elementsHeavyIndex < 0 ? Guid.Empty : GetWorkloadId(elementsHeavyIndex);

    /// <summary>Number of non-deleted workloads, live ones included (the default list's total).</summary>
    public int ActiveWorkloadCount => ActiveIndexes.Length;

    /// <summary>Number of deleted workloads.</summary>
    public int DeletedWorkloadCount => DeletedIndexes.Length;

    /// <summary>Ids of the cluster-monitor events, newest first.</summary>
    public IReadOnlyList<Guid> ClusterEventIds
    {
        get
        {
            var ids = new Guid[ClusterEventCount];
            for (var k = 0; k < ids.Length; k++)
            {
                ids[k] = MakeId(EntityKind.ClusterEvent, k, 0);
            }

            return ids;
        }
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

    internal int Seed { get; }

    internal long RefTicks { get; }

    /// <summary>Indexes of the workloads that are not deleted, in generation order, then the live workloads in the order they were added.</summary>
    internal int[] ActiveIndexes => Volatile.Read(ref activeIndexes);

    internal int[] DeletedIndexes { get; }

    internal PodFacts Pods { get; }

    internal RevisionFacts Revisions { get; }

    internal EventFacts Events { get; }

    /// <summary>Workload id of the given index.</summary>
    public Guid GetWorkloadId(int index) => MakeId(EntityKind.Workload, index, 0);

    /// <summary>Index of a workload id (generated or live), or -1.</summary>
    public int IndexOf(Guid workloadId) => TryDecode(workloadId, EntityKind.Workload, out var index, out _) && index < cores.Length + LiveWorkloadCount ? index : -1;

    /// <summary>Phase of the workload at the index (a live workload's phase now).</summary>
    public string GetWorkloadPhase(int index) => Core(index).Phase.Name();

    /// <summary>Name of the workload at the index.</summary>
    public string GetWorkloadName(int index) => WorkloadName(index);

    /// <summary>Whether the workload at the index is deleted.</summary>
    public bool IsDeleted(int index) => Core(index).IsDeleted;

    /// <summary>
    /// Adds a live workload created now: Pending for <paramref name="pending"/>, Running for <paramref name="running"/>,
    /// then <paramref name="outcome"/>. Returns its id; it is listed after the generated workloads.
    /// </summary>
    internal Guid AddLive(string name, LiveOutcome outcome, TimeSpan pending, TimeSpan running)
    {
        lock (liveGate)
        {
            var index = cores.Length + live.Length;
            var workload = new LiveWorkload(name, live.Length, clock.GetUtcNow().UtcTicks, pending, running, outcome);
            Volatile.Write(ref live, [.. live, workload]);
            Volatile.Write(ref activeIndexes, [.. activeIndexes, index]);
            return GetWorkloadId(index);
        }
    }

    /// <summary>Revision ids of an inference workload (empty for other types).</summary>
    public IReadOnlyList<Guid> GetRevisionIds(Guid workloadId) => ChildIds(workloadId, c => c.RevisionCount, RevisionId);

    /// <summary>Pod ids of a workload.</summary>
    public IReadOnlyList<Guid> GetPodIds(Guid workloadId) => ChildIds(workloadId, c => c.PodCount, PodId);

    /// <summary>Number of events of a workload (-1 when unknown).</summary>
    public int GetEventCount(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        return i < 0 ? -1 : cores[i].EventCount;
    }

    /// <summary>Number of structure elements stored for a workload (-1 when unknown).</summary>
    public int GetElementCount(Guid workloadId)
    {
        var i = IndexOf(workloadId);
        return i < 0 ? -1 : cores[i].ElementCount;
    }

    /// <summary>
    /// The stored facts of a workload; a live workload's as they are now, in a copy of their own, so a request that reads
    /// them twice sees one consistent state at a time.
    /// </summary>
    internal ref readonly WorkloadCore Core(int index)
    {
        if (index < cores.Length)
        {
            return ref cores[index];
        }

        var now = new CoreSnapshot(Live(index)!.CoreAt(NowTicks(index)));
        return ref now.Core;
    }

    /// <summary>The live workload at the index, or null for a generated one.</summary>
    internal LiveWorkload? Live(int index) => index < cores.Length ? null : Volatile.Read(ref live)[index - cores.Length];

    /// <summary>"Now" for a workload: the reference time for the generated data set, the clock for a live workload.</summary>
    internal long NowTicks(int index) => index < cores.Length ? RefTicks : clock.GetUtcNow().UtcTicks;

    /// <summary>
    /// Global row of the workload's first pod (see <see cref="PodFacts"/>). A live workload's pod comes after every
    /// generated one: it is reached through its workload, never by a row of the pods list.
    /// </summary>
    internal int PodStart(int index) => index < cores.Length ? podStart[index] : podStart[^1] + (index - cores.Length);

    internal string WorkloadName(int index)
    {
        if (Live(index) is { } workload)
        {
            return workload.Name;
        }

        var h = Hash.For(Seed, EntityKind.WorkloadCore, index, 7);
        return string.Create(CultureInfo.InvariantCulture, $"{cores[index].Type.NamePrefix()}-{h.Pick(Vocabulary.Words)}-{index}");
    }

    /// <summary>
    /// A version-4-shaped id that carries its kind, index and sub-index in clear and a seed-dependent hash, so it can be
    /// decoded without a lookup table and a made-up id is recognised as unknown.
    /// </summary>
    internal Guid MakeId(EntityKind kind, int index, int sub)
    {
        var h = Hash.Of(Seed, kind, index, sub);
        return new Guid(
            (int)h,
            (short)(h >> 32),
            (short)(0x4000 | (int)((h >> 48) & 0x0FFF)),
            (byte)(0x80 | (int)kind),
            (byte)(h >> 60),
            (byte)(sub >> 8),
            (byte)sub,
            (byte)(index >> 24),
            (byte)(index >> 16),
            (byte)(index >> 8),
            (byte)index);
    }

    internal bool TryDecode(Guid id, EntityKind kind, out int index, out int sub)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b);
        index = (b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15];
        sub = (b[10] << 8) | b[11];
        return b[8] == (0x80 | (int)kind) && index >= 0 && MakeId(kind, index, sub) == id;
    }

    internal Guid RevisionId(int index, int r) => MakeId(EntityKind.Revision, index, r);

    internal Guid PodId(int index, int p) => MakeId(EntityKind.Pod, index, p);

    internal Guid ClusterId(int cluster) => clusterIds[cluster];

    internal int ClusterIndexOf(Guid id) => clusterIndex.TryGetValue(id, out var c) ? c : -1;

    private static DateTimeOffset Dto(long ticks) => new(ticks, TimeSpan.Zero);

    private WorkloadInfo GetWorkload(int index)
    {
        ref readonly var c = ref cores[index];
        return new WorkloadInfo(
            index, GetWorkloadId(index), WorkloadName(index), c.Type.Name(), c.Phase.Name(), c.Type.Category(),
            c.ProjectName, c.ProjectId, c.DepartmentId, clusterIds[c.Cluster],
            Dto(c.CreatedTicks), c.CompletedTicks == 0 ? null : Dto(c.CompletedTicks), c.IsDeleted ? Dto(c.DeletedTicks) : null,
            c.PodCount, c.EventCount, c.EventCount + PhaseTimeline.Of(c).Count, c.RevisionCount, c.ElementCount);
    }

    private Guid[] ChildIds(Guid workloadId, Func<WorkloadCore, int> count, Func<int, int, Guid> id)
    {
        var i = IndexOf(workloadId);
        if (i < 0)
        {
            return [];
        }

        var ids = new Guid[count(cores[i])];
        for (var k = 0; k < ids.Length; k++)
        {
            ids[k] = id(i, k);
        }

        return ids;
    }

    /// <summary>A live workload's facts at one moment (a class, so <see cref="Core"/> can return a reference to them).</summary>
    private sealed class CoreSnapshot(WorkloadCore core)
    {
        public WorkloadCore Core = core;
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
