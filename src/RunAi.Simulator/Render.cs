using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace RunAi.Simulator;

/// <summary>Writes generated entities as JSON that follows the OpenAPI schemas.</summary>
internal sealed class Render(SimulatorData data)
{
    private const int KindDetail = 20;
    private const int TenantId = 1001;
    private static readonly string[] PriorityClasses = ["train", "build", "inference", "train"];
    private static readonly string[] Sources = ["CLI", "Control-plane", "Other"];
    private static readonly string[] K8sPhases = ["Pending", "Pending", "Pending", "Pending", "Running", "Running", "Running", "Succeeded", "Running", "Running", "Failed", "Succeeded", "Running", "Unknown"];

    public SimulatorData Data { get; } = data;

    private static string Inv(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Namespace(in WorkloadCore c) => "runai-" + SimulatorData.ProjectNames[c.Project];

    private static string Image(in WorkloadCore c, int pick) => c.Type switch
    {
        1 => SimulatorData.Images[pick % 2 == 0 ? 2 : 0],
        2 => SimulatorData.Images[3 + (pick % 2)],
        3 => SimulatorData.Images[pick % 2],
        _ => SimulatorData.Images[pick % 2],
    };

    private long EndTicks(in WorkloadCore c)
    {
        var end = Math.Max(c.PhaseUpdatedTicks, c.CompletedTicks);
        if (c.DeletedTicks != 0)
        {
            end = Math.Max(end, c.DeletedTicks);
        }

        return c.Phase is 5 or 9 or 6 ? Data.RefTicks : Math.Max(end, c.CreatedTicks);
    }

    // ------------------------------------------------------------------ workloads

    public void Workload(Utf8JsonWriter w, int i, bool detailed)
    {
        ref readonly var c = ref Data.Core(i);
        var h = Hash.For(Data.Seed, KindDetail, i);
        var name = Data.WorkloadName(i);
        var id = Data.GetWorkloadId(i);
        var phase = SimulatorData.Phases[c.Phase];
        var running = c.Phase is 5 or 6 or 9;
        w.WriteStartObject();
        w.WriteString("type", SimulatorData.Types[c.Type]);
        w.WriteString("name", name);
        w.WriteString("id", id);
        w.WriteNumber("tenantId", TenantId);
        w.WriteString("source", Sources[h.Int(3)]);
        w.WriteNumber("priority", c.Priority);
        w.WriteString("priorityClassName", PriorityClasses[c.Type]);
        w.WriteString("submittedBy", SimulatorData.Users[c.User]);
        w.WriteString("clusterId", Data.ClusterId(c.Cluster));
        w.WriteString("projectName", SimulatorData.ProjectNames[c.Project]);
        w.WriteString("projectId", SimulatorData.ProjectIds[c.Project]);
        w.WriteString("departmentName", SimulatorData.DepartmentNames[c.Project % 3]);
        w.WriteString("departmentId", SimulatorData.DepartmentIds[c.Project % 3]);
        w.WriteString("namespace", Namespace(c));
        Iso.Write(w, "createdAt", c.CreatedTicks);
        var pods = c.Type == 3 ? c.PodCount : 1;
        var gpuPerPod = c.RequestedGpu / pods;
        w.WritePropertyName("workloadRequestedResources");
        RequestResources(w, c.RequestedGpu, 2 * pods, 8 * pods, false);
        w.WritePropertyName("podsRequestedResources");
        RequestResources(w, gpuPerPod, 2, 8, false);
        w.WritePropertyName("allocatedResources");
        AllocatedResources(w, c.AllocatedGpu, running ? 2 * pods : 0, running ? 8 * pods : 0, false);
        w.WriteStartObject("actionsSupport");
        w.WriteBoolean("delete", true);
        w.WriteBoolean("suspend", c.Type != 2);
        w.WriteEndObject();
        w.WriteString("phase", phase);
        Conditions(w, c);
        w.WriteString("phaseMessage", PhaseMessage(c.Phase));
        w.WriteString("k8sPhase", K8sPhases[c.Phase]);
        w.WriteNumber("runningPods", running ? c.PodCount : 0);
        Iso.Write(w, "phaseUpdatedAt", c.PhaseUpdatedTicks);
        Iso.Write(w, "k8sPhaseUpdatedAt", c.PhaseUpdatedTicks);
        Iso.Write(w, "updatedAt", Math.Max(c.PhaseUpdatedTicks, c.DeletedTicks));
        Iso.WriteNullable(w, "deletedAt", c.DeletedTicks);
        Iso.WriteNullable(w, "completedAt", c.CompletedTicks);
        w.WriteStartObject("requestedPods");
        w.WriteNumber("number", c.PodCount);
        w.WriteNumber("min", c.Type == 2 ? 1 : c.PodCount);
        w.WriteNumber("max", c.Type == 2 ? 3 : c.PodCount);
        w.WriteNumber("parallelism", c.PodCount);
        w.WriteNumber("completions", c.PodCount);
        w.WriteEndObject();
        w.WriteStartArray("requestedNodePools");
        w.WriteStringValue(SimulatorData.Nodepools[c.NodepoolRequested]);
        w.WriteEndArray();
        w.WriteStartArray("currentNodePools");
        if (c.NodepoolCurrent != 255)
        {
            w.WriteStringValue(SimulatorData.Nodepools[c.NodepoolCurrent]);
        }

        w.WriteEndArray();
        w.WriteStartArray("images");
        w.WriteStringValue(Image(c, i));
        w.WriteEndArray();
        w.WriteStartArray("urls");
        if (c.Type is 1 or 2)
        {
            w.WriteStringValue(EndpointUrl(i, 0));
        }

        w.WriteEndArray();
        w.WriteStartArray("datasources");
        w.WriteStartObject();
        w.WriteString("type", "pvc");
        w.WriteString("name", "data-" + SimulatorData.ProjectNames[c.Project]);
        w.WriteString("id", Data.MakeId(SimulatorData.KindDatasource, c.Project, 0));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("environments");
        w.WriteStartObject();
        w.WriteString("name", c.Type switch { 1 => "jupyter-lab", 2 => "nim-llm", _ => "pytorch" });
        w.WriteString("id", Data.MakeId(SimulatorData.KindEnvironment, c.Type, 0));
        if (c.Type == 3)
        {
            w.WriteString("replicaType", "Master");
        }

        w.WriteStartArray("connections");
        w.WriteStartObject();
        w.WriteString("name", c.Type == 1 ? "jupyter" : "tensorboard");
        w.WriteString("toolType", c.Type == 1 ? "jupyter-notebook" : "tensorboard");
        w.WriteString("connectionType", "ExternalUrl");
        w.WriteString("url", EndpointUrl(i, 0));
        w.WriteString("authorizationType", "authenticatedUsers");
        w.WriteNumber("containerPort", c.Type == 1 ? 8888 : 6006);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        if (c.Type == 3)
        {
            w.WriteString("distributedFramework", SimulatorData.Frameworks[c.Framework]);
        }

        w.WriteStartObject("additionalFields");
        w.WriteString("simulated", "true");
        w.WriteEndObject();
        w.WriteBoolean("preemptible", c.Type is 0 or 3);
        w.WriteStartObject("environmentVariables");
        w.WriteString("NCCL_DEBUG", "INFO");
        w.WriteString("RUNAI_WORKLOAD", name);
        w.WriteEndObject();
        w.WriteString("command", c.Type switch { 1 => "start-notebook.sh", 2 => "python -m vllm.entrypoints.openai.api_server", _ => "python train.py" });
        w.WriteString("arguments", c.Type == 2 ? "--port 8000" : "--epochs " + (10 + h.Int(90)).ToString(CultureInfo.InvariantCulture));
        if (c.Phase == 3)
        {
            w.WriteString("phaseReason", "OverLimit");
        }

        if (running)
        {
            w.WriteNumber("idleGpus", (int)Math.Floor(c.IdleAllocatedGpus));
            w.WriteNumber("idleAllocatedGpus", c.IdleAllocatedGpus);
        }
        else
        {
            w.WriteNull("idleGpus");
            w.WriteNull("idleAllocatedGpus");
        }

        w.WriteNumber("totalPendingTimeSeconds", c.PendingSec);
        w.WriteNumber("totalRunningTimeSeconds", c.RunningSec);
        w.WriteString("category", SimulatorData.Category(c.Type));
        Iso.WriteNullable(w, "guaranteedRuntimeEndsAt", c.GuaranteedTicks);
        if (c.AiApp != 0)
        {
            w.WriteString("aiApplicationId", AiAppId(c.AiApp));
            w.WriteString("aiApplicationName", AiAppName(c.AiApp));
        }

        if (h.Int(2) == 0)
        {
            w.WriteString("sourceApi", "WorkloadsV2");
        }

        if (c.Type == 3)
        {
            w.WriteStartObject("topology");
            w.WriteString("name", "dc-topology");
            w.WriteString("preferredPlacement", "rack");
            w.WriteString("requiredPlacement", "zone");
            if (running)
            {
                w.WriteStartObject("actualPlacement");
                w.WriteString("level", "rack");
                w.WriteString("value", "rack-" + (1 + h.Int(8)).ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("endpoints");
        Endpoints(w, i);
        w.WriteEndArray();
        if (detailed)
        {
            if (c.Phase == 3)
            {
                w.WriteStartArray("pendingSchedulingMessages");
                w.WriteStartObject();
                w.WriteString("nodePool", SimulatorData.Nodepools[c.NodepoolRequested]);
                w.WriteString("phaseReason", "OverLimit");
                w.WriteString("reason", "Insufficient GPU quota in project");
                w.WriteString("orgType", "PROJECT");
                w.WriteString("userMessage", "Project " + SimulatorData.ProjectNames[c.Project] + " is over its GPU limit");
                w.WriteEndObject();
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("pendingSchedulingMessages");
            }
        }

        w.WriteEndObject();
    }

    public static string AiAppId(int app) => "aiapp-" + app.ToString(CultureInfo.InvariantCulture);

    public static string AiAppName(int app) => "llm-app-" + app.ToString(CultureInfo.InvariantCulture);

    private static string PhaseMessage(int phase) => phase switch
    {
        3 => "Workload is waiting to be scheduled",
        10 => "Container exited with code 1",
        11 => "Workload completed successfully",
        5 => "All pods are running",
        7 => "Workload was stopped by user",
        9 => "Some pods are not running",
        _ => SimulatorData.Phases[phase],
    };

    private static void RequestResources(Utf8JsonWriter w, double gpu, int cpu, int memGi, bool mig)
    {
        w.WriteStartObject();
        w.WriteString("gpuRequestType", "portion");
        w.WriteStartObject("gpu");
        w.WriteNumber("request", gpu);
        w.WriteNull("limit");
        w.WriteEndObject();
        w.WriteStartObject("cpu");
        w.WriteNumber("request", cpu);
        w.WriteNumber("limit", cpu * 2);
        w.WriteEndObject();
        w.WriteStartObject("cpuMemory");
        w.WriteString("request", memGi.ToString(CultureInfo.InvariantCulture) + "Gi");
        w.WriteString("limit", (memGi * 2).ToString(CultureInfo.InvariantCulture) + "Gi");
        w.WriteEndObject();
        if (mig)
        {
            w.WriteNull("migProfile");
        }

        w.WriteEndObject();
    }

    private static void AllocatedResources(Utf8JsonWriter w, double gpu, int cpu, int memGi, bool scalarMig)
    {
        w.WriteStartObject();
        w.WriteNumber("gpu", gpu);
        w.WriteNumber("cpu", cpu);
        w.WriteString("cpuMemory", memGi.ToString(CultureInfo.InvariantCulture) + "Gi");
        if (scalarMig)
        {
            w.WriteNull("migProfile");
        }

        w.WriteEndObject();
    }

    private static void Conditions(Utf8JsonWriter w, in WorkloadCore c)
    {
        w.WriteStartArray("conditions");
        w.WriteStartObject();
        w.WriteString("type", "Submitted");
        w.WriteString("status", "True");
        Iso.Write(w, "lastTransitionTime", c.CreatedTicks);
        w.WriteEndObject();
        w.WriteStartObject();
        switch (c.Phase)
        {
            case 10:
                w.WriteString("type", "Failed");
                w.WriteString("status", "True");
                w.WriteString("reason", "PodFailed");
                w.WriteString("message", "Container exited with code 1");
                break;
            case 11:
                w.WriteString("type", "Completed");
                w.WriteString("status", "True");
                w.WriteString("reason", "Succeeded");
                break;
            case 3:
                w.WriteString("type", "Scheduled");
                w.WriteString("status", "False");
                w.WriteString("reason", "OverLimit");
                w.WriteString("message", "Waiting for resources");
                break;
            default:
                w.WriteString("type", "Available");
                w.WriteString("status", c.Phase is 5 or 6 ? "True" : "False");
                break;
        }

        Iso.Write(w, "lastTransitionTime", c.PhaseUpdatedTicks);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private string EndpointUrl(int i, int e)
    {
        ref readonly var c = ref Data.Core(i);
        var host = Data.WorkloadName(i) + "." + SimulatorData.ProjectNames[c.Project] + ".runai.example.com";
        return e == 0 ? "https://" + host + (c.Type == 2 ? "/v1/completions" : "/") : "https://" + host + (c.Type == 2 ? "/v1/models" : "/metrics");
    }

    public void Endpoints(Utf8JsonWriter w, int i)
    {
        ref readonly var c = ref Data.Core(i);
        var host = Data.WorkloadName(i) + "." + SimulatorData.ProjectNames[c.Project] + ".runai.example.com";
        for (var e = 0; e < 2; e++)
        {
            var path = c.Type switch
            {
                2 => e == 0 ? "/v1/completions" : "/v1/models",
                1 => e == 0 ? "/" : "/lab",
                _ => e == 0 ? "/" : "/metrics",
            };
            w.WriteStartObject();
            w.WriteString("host", host);
            w.WriteNumber("port", c.Type switch { 2 => 8000, 1 => 8888, _ => e == 0 ? 6006 : 9090 });
            w.WriteString("path", path);
            w.WriteBoolean("tlsEnabled", true);
            w.WriteString("protocol", "HTTPS");
            w.WriteString("url", "https://" + host + path);
            w.WriteEndObject();
        }
    }

    // ------------------------------------------------------------------ events & history

    private static readonly string[] StartReasons = ["Scheduled", "Pulling", "Pulled", "Created", "Started", "SuccessfulCreate", "Killing", "BackOff"];

    /// <summary>Time of workload (or revision) event j of n, ascending.</summary>
    private long EventTicks(long from, long to, int j, int n)
    {
        to = Math.Min(Math.Max(to, from + (TimeSpan.TicksPerSecond * n)), Math.Max(Data.RefTicks, from));
        var step = (to - from) / (n + 1);
        return (from + (step * (j + 1))) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond;
    }

    public int RevisionEventCount(int i, int r) => 3 + (int)(Hash.Of(Data.Seed, SimulatorData.KindRevisionEvent, i, r) % 3);

    /// <summary>Writes event j (ascending order) of a workload, or of revision r when r >= 0.</summary>
    public void Event(Utf8JsonWriter w, int i, int r, int j)
    {
        ref readonly var c = ref Data.Core(i);
        int n;
        long from, to;
        Guid id;
        string objectName;
        if (r < 0)
        {
            n = c.EventCount;
            from = c.CreatedTicks;
            to = EndTicks(c);
            id = Data.MakeId(SimulatorData.KindEvent, i, j);
            objectName = Data.WorkloadName(i) + "-0";
        }
        else
        {
            n = RevisionEventCount(i, r);
            (from, to) = RevisionSpan(i, r);
            id = Data.MakeId(SimulatorData.KindRevisionEvent, i, (r * 64) + j);
            objectName = RevisionName(i, r) + "-deployment-0";
        }

        var last = j == n - 1;
        var (type, reason, message) = (c.Phase, j) switch
        {
            (3, 0) => ("Warning", "FailedScheduling", "0/12 nodes are available: insufficient nvidia.com/gpu"),
            (10, _) when last => ("Warning", "BackOff", "Back-off restarting failed container"),
            (11, _) when last => ("Normal", "Completed", "Job completed"),
            (7, _) when last => ("Normal", "Killing", "Stopping container"),
            _ => ("Normal", StartReasons[j % 6], StartReasons[j % 6] switch
            {
                "Scheduled" => "Successfully assigned " + objectName + " to node-" + (j + c.Cluster).ToString(CultureInfo.InvariantCulture),
                "Pulling" => "Pulling image \"" + Image(c, i) + "\"",
                "Pulled" => "Successfully pulled image \"" + Image(c, i) + "\"",
                "Created" => "Created container main",
                "Started" => "Started container main",
                _ => "Created pod: " + objectName,
            }),
        };
        w.WriteStartObject();
        Iso.Write(w, "createdAt", EventTicks(from, to, j, n));
        w.WriteString("id", id);
        w.WriteString("type", type);
        w.WriteString("clusterId", Data.ClusterId(c.Cluster));
        w.WriteString("message", message);
        w.WriteString("reason", reason);
        w.WriteString("source", reason == "FailedScheduling" || reason == "Scheduled" ? "runai-scheduler" : "kubelet");
        w.WriteStartObject("involvedObject");
        w.WriteString("uid", Data.MakeId(SimulatorData.KindUid, i, r + 1));
        w.WriteString("kind", "Pod");
        w.WriteString("name", objectName);
        w.WriteString("namespace", Namespace(c));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public long EventTime(int i, int r, int j)
    {
        ref readonly var c = ref Data.Core(i);
        if (r < 0)
        {
            return EventTicks(c.CreatedTicks, EndTicks(c), j, c.EventCount);
        }

        var (from, to) = RevisionSpan(i, r);
        return EventTicks(from, to, j, RevisionEventCount(i, r));
    }

    /// <summary>History records of a workload (r &lt; 0) or revision, newest first: (isEvent, index, ticks).</summary>
    public List<(bool IsEvent, int Index, long Ticks)> History(int i, int r)
    {
        var list = new List<(bool, int, long)>();
        var n = r < 0 ? Data.Core(i).EventCount : RevisionEventCount(i, r);
        for (var j = 0; j < n; j++)
        {
            list.Add((true, j, EventTime(i, r, j)));
        }

        var timeline = PhaseTimeline(i, r);
        for (var k = 0; k < timeline.Count; k++)
        {
            list.Add((false, k, timeline[k].Ticks));
        }

        list.Sort((a, b) => b.Item3 != a.Item3 ? b.Item3.CompareTo(a.Item3) : (a.Item1 == b.Item1 ? b.Item2.CompareTo(a.Item2) : a.Item1.CompareTo(b.Item1)));
        return list;
    }

    private List<(int Phase, long Ticks)> PhaseTimeline(int i, int r)
    {
        if (r < 0)
        {
            return Data.PhaseTimeline(i);
        }

        var (from, to) = RevisionSpan(i, r);
        var phase = RevisionPhase(i, r);
        var list = new List<(int, long)> { (0, from), (3, from + TimeSpan.TicksPerSecond) };
        if (phase != 3)
        {
            list.Add((5, Math.Min(to, from + (TimeSpan.TicksPerSecond * 30))));
        }

        if (phase is not (3 or 5))
        {
            list.Add((phase, to));
        }

        return list;
    }

    public void HistoryRecord(Utf8JsonWriter w, int i, int r, (bool IsEvent, int Index, long Ticks) rec)
    {
        w.WriteStartObject();
        w.WriteStartObject("meta");
        Iso.Write(w, "creationTimestamp", rec.Ticks);
        w.WriteString("type", rec.IsEvent ? "Event" : "PhaseUpdate");
        w.WriteEndObject();
        w.WriteStartObject("spec");
        if (rec.IsEvent)
        {
            w.WritePropertyName("event");
            Event(w, i, r, rec.Index);
        }
        else
        {
            var phase = PhaseTimeline(i, r)[rec.Index].Phase;
            w.WriteStartObject("phaseUpdate");
            w.WriteString("phase", SimulatorData.Phases[phase]);
            w.WriteString("phaseMessage", PhaseMessage(phase));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------ revisions

    public string RevisionName(int i, int r) => Data.WorkloadName(i) + "-0000" + (r + 1).ToString(CultureInfo.InvariantCulture);

    public (long From, long To) RevisionSpan(int i, int r)
    {
        ref readonly var c = ref Data.Core(i);
        var n = c.RevisionCount;
        var end = EndTicks(c);
        var step = Math.Max(TimeSpan.TicksPerMinute, (end - c.CreatedTicks) / (n + 1));
        var from = Math.Min(c.CreatedTicks + (step * r), Data.RefTicks);
        var to = r == n - 1 ? Math.Max(from, Math.Min(end, Data.RefTicks)) : Math.Min(from + step, Data.RefTicks);
        return (from / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, to / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);
    }

    public int RevisionPhase(int i, int r)
    {
        ref readonly var c = ref Data.Core(i);
        return r == c.RevisionCount - 1 ? c.Phase : 7;
    }

    public long RevisionDeletedTicks(int i, int r)
    {
        ref readonly var c = ref Data.Core(i);
        if (c.DeletedTicks != 0)
        {
            return c.DeletedTicks;
        }

        return r == 0 && c.RevisionCount == 3 ? RevisionSpan(i, 1).From : 0;
    }

    public void Revision(Utf8JsonWriter w, int i, int r)
    {
        ref readonly var c = ref Data.Core(i);
        var (from, to) = RevisionSpan(i, r);
        var phase = RevisionPhase(i, r);
        var running = phase is 5 or 6 or 9 && c.DeletedTicks == 0;
        var pods = RevisionPodCount(i, r);
        w.WriteStartObject();
        w.WriteString("type", "Inference");
        w.WriteString("name", RevisionName(i, r));
        w.WriteString("id", Data.RevisionId(i, r));
        w.WriteString("workloadId", Data.GetWorkloadId(i));
        w.WriteNumber("tenantId", TenantId);
        w.WriteString("clusterId", Data.ClusterId(c.Cluster));
        w.WriteString("projectId", SimulatorData.ProjectIds[c.Project]);
        w.WriteString("departmentId", SimulatorData.DepartmentIds[c.Project % 3]);
        Iso.Write(w, "createdAt", from);
        Iso.WriteNullable(w, "deletedAt", RevisionDeletedTicks(i, r));
        w.WritePropertyName("revisionRequestedResources");
        RequestResources(w, c.RequestedGpu, 2, 8, true);
        w.WritePropertyName("podsRequestedResources");
        RequestResources(w, c.RequestedGpu, 2, 8, true);
        w.WriteStartObject("requestedPods");
        w.WriteNumber("number", pods);
        w.WriteNumber("min", 1);
        w.WriteNumber("max", 3);
        w.WriteEndObject();
        w.WriteStartArray("requestedNodePools");
        w.WriteStringValue(SimulatorData.Nodepools[c.NodepoolRequested]);
        w.WriteEndArray();
        w.WritePropertyName("allocatedResources");
        AllocatedResources(w, running ? c.RequestedGpu * pods : 0, running ? 2 * pods : 0, running ? 8 * pods : 0, false);
        w.WriteStartArray("currentNodePools");
        if (running)
        {
            w.WriteStringValue(SimulatorData.Nodepools[c.NodepoolRequested]);
        }

        w.WriteEndArray();
        w.WriteNumber("runningPods", running ? pods : 0);
        w.WriteStartArray("images");
        w.WriteStringValue(Image(c, i + r));
        w.WriteEndArray();
        w.WriteStartObject("environmentVariables");
        w.WriteString("MODEL_REVISION", (r + 1).ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteString("command", "python -m vllm.entrypoints.openai.api_server");
        w.WriteString("arguments", "--port 8000");
        w.WriteStartArray("conditions");
        w.WriteStartObject();
        w.WriteString("type", "Ready");
        w.WriteString("status", running ? "True" : "False");
        Iso.Write(w, "lastTransitionTime", to);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("phase", SimulatorData.Phases[phase]);
        w.WriteString("phaseMessage", PhaseMessage(phase));
        Iso.Write(w, "phaseUpdatedAt", to);
        w.WriteStartObject("additionalFields");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------ pods

    public int PodRevision(int i, int p)
    {
        ref readonly var c = ref Data.Core(i);
        return c.RevisionCount == 0 ? -1 : p % c.RevisionCount;
    }

    public int RevisionPodCount(int i, int r)
    {
        var n = 0;
        var pods = Data.Core(i).PodCount;
        for (var p = 0; p < pods; p++)
        {
            if (PodRevision(i, p) == r)
            {
                n++;
            }
        }

        return n;
    }

    public string PodName(int i, int p)
    {
        ref readonly var c = ref Data.Core(i);
        return c.Type switch
        {
            3 => Data.WorkloadName(i) + (p == 0 ? "-master-0" : "-worker-" + (p - 1).ToString(CultureInfo.InvariantCulture)),
            2 => RevisionName(i, PodRevision(i, p)) + "-deployment-" + p.ToString(CultureInfo.InvariantCulture),
            _ => Data.WorkloadName(i) + "-0-" + p.ToString(CultureInfo.InvariantCulture),
        };
    }

    public long PodCreatedTicks(int i, int p)
    {
        var r = PodRevision(i, p);
        var baseTicks = r < 0 ? Data.Core(i).CreatedTicks : RevisionSpan(i, r).From;
        return Math.Min(Data.RefTicks, baseTicks + ((p + 1) * TimeSpan.TicksPerSecond));
    }

    public long PodCompletedTicks(int i, int p)
    {
        ref readonly var c = ref Data.Core(i);
        var r = PodRevision(i, p);
        if (r >= 0 && r < c.RevisionCount - 1)
        {
            return RevisionSpan(i, r).To;
        }

        return c.CompletedTicks;
    }

    public long PodDeletedTicks(int i, int p)
    {
        var r = PodRevision(i, p);
        return r >= 0 ? RevisionDeletedTicks(i, r) : Data.Core(i).DeletedTicks;
    }

    public bool PodScheduled(int i) => Data.Core(i).Phase is not (0 or 1 or 3);

    public string? PodNodeName(int i, int p)
    {
        ref readonly var c = ref Data.Core(i);
        return PodScheduled(i)
            ? "node-" + (char)('a' + c.Cluster) + "-" + ((int)(Hash.Of(Data.Seed, SimulatorData.KindPod, i, p) % 24)).ToString("D2", CultureInfo.InvariantCulture)
            : null;
    }

    public string? PodNodepool(int i) => PodScheduled(i) ? SimulatorData.Nodepools[Data.Core(i).NodepoolRequested] : null;

    public string PodK8sPhase(int i, int p)
    {
        ref readonly var c = ref Data.Core(i);
        var r = PodRevision(i, p);
        return r >= 0 && r < c.RevisionCount - 1 ? "Succeeded" : K8sPhases[c.Phase];
    }

    public void Pod(Utf8JsonWriter w, int i, int p, bool full)
    {
        ref readonly var c = ref Data.Core(i);
        var r = PodRevision(i, p);
        var created = PodCreatedTicks(i, p);
        var completed = PodCompletedTicks(i, p);
        var node = PodNodeName(i, p);
        var pods = c.Type == 3 ? c.PodCount : 1;
        var gpu = c.RequestedGpu / pods;
        var allocated = completed == 0 && c.AllocatedGpu > 0;
        w.WriteStartObject();
        w.WriteString("name", PodName(i, p));
        w.WriteString("priorityClassName", PriorityClasses[c.Type]);
        w.WriteString("id", Data.PodId(i, p));
        w.WriteString("workloadId", Data.GetWorkloadId(i));
        if (r >= 0)
        {
            w.WriteString("revisionId", Data.RevisionId(i, r));
        }
        else
        {
            w.WriteNull("revisionId");
        }

        w.WriteString("clusterId", Data.ClusterId(c.Cluster));
        w.WriteString("projectId", SimulatorData.ProjectIds[c.Project]);
        w.WriteString("nodeName", node);
        Iso.Write(w, "createdAt", created);
        Iso.WriteNullable(w, "completedAt", completed);
        w.WriteStartArray("containers");
        w.WriteStartObject();
        w.WriteString("name", "main");
        w.WriteString("image", Image(c, i + Math.Max(0, r)));
        if (node is null)
        {
            w.WriteNull("startedAt");
        }
        else
        {
            Iso.Write(w, "startedAt", Math.Min(Data.RefTicks, created + (TimeSpan.TicksPerSecond * 20)));
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("currentNodePool", PodNodepool(i));
        w.WriteStartArray("requestedNodePools");
        w.WriteStringValue(SimulatorData.Nodepools[c.NodepoolRequested]);
        w.WriteEndArray();
        w.WritePropertyName("requestedResources");
        RequestResources(w, gpu, 2, 8, false);
        w.WritePropertyName("allocatedResources");
        AllocatedResources(w, allocated ? gpu : 0, allocated ? 2 : 0, allocated ? 8 : 0, false);
        w.WriteStartArray("tolerations");
        w.WriteStartObject();
        w.WriteString("key", "nvidia.com/gpu");
        w.WriteString("operator", "Exists");
        w.WriteString("effect", "NoSchedule");
        w.WriteNull("tolerationSeconds");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("k8sPhase", PodK8sPhase(i, p));
        if (node is null || completed != 0)
        {
            w.WriteNull("ip");
        }
        else
        {
            w.WriteString("ip", "10." + c.Cluster.ToString(CultureInfo.InvariantCulture) + "." + ((i >> 8) & 255).ToString(CultureInfo.InvariantCulture) + "." + ((i + p) & 255).ToString(CultureInfo.InvariantCulture));
        }

        w.WriteNumber("tenantId", TenantId);
        Iso.Write(w, "k8sPhaseUpdatedAt", Math.Max(created, completed == 0 ? c.PhaseUpdatedTicks : completed));
        Iso.Write(w, "updatedAt", Math.Max(Math.Max(created, c.PhaseUpdatedTicks), PodDeletedTicks(i, p)));
        Iso.WriteNullable(w, "deletedAt", PodDeletedTicks(i, p));
        if (full)
        {
            w.WriteString("projectName", SimulatorData.ProjectNames[c.Project]);
            w.WriteString("workloadName", Data.WorkloadName(i));
        }

        w.WriteEndObject();
    }

    /// <summary>The deprecated cluster pods schema.</summary>
    public void LegacyPod(Utf8JsonWriter w, int i, int p)
    {
        ref readonly var c = ref Data.Core(i);
        var created = PodCreatedTicks(i, p);
        var completed = PodCompletedTicks(i, p);
        var node = PodNodeName(i, p);
        var pods = c.Type == 3 ? c.PodCount : 1;
        static long Ms(long ticks) => ticks == 0 ? 0 : (ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        w.WriteStartObject();
        w.WriteString("podId", Data.PodId(i, p).ToString());
        w.WriteString("jobId", Data.GetWorkloadId(i));
        w.WriteString("podGroupId", Data.GetWorkloadId(i).ToString());
        w.WriteString("clusterUuid", Data.ClusterId(c.Cluster));
        w.WriteString("podName", PodName(i, p));
        w.WriteString("imageName", Image(c, i + Math.Max(0, PodRevision(i, p))));
        if (node is not null)
        {
            w.WriteString("nodeId", node);
        }

        w.WriteString("phase", PodK8sPhase(i, p));
        w.WriteString("status", PodK8sPhase(i, p));
        w.WriteNumber("created", Ms(created));
        w.WriteNumber("completed", Ms(completed));
        if (node is not null)
        {
            w.WriteNumber("started", Ms(Math.Min(Data.RefTicks, created + (TimeSpan.TicksPerSecond * 20))));
        }

        w.WriteNumber("lastUpdated", Ms(Math.Max(created, c.PhaseUpdatedTicks)));
        w.WriteStartObject("dynamicData");
        w.WriteEndObject();
        w.WriteBoolean("existsInCluster", completed == 0);
        w.WriteStartObject("resourceRequest");
        w.WriteNumber("gpu", c.RequestedGpu / pods);
        w.WriteNumber("cpu", 2);
        w.WriteEndObject();
        w.WriteStartObject("resourceAllocation");
        w.WriteNumber("gpu", completed == 0 ? c.AllocatedGpu / pods : 0);
        w.WriteNumber("cpu", completed == 0 && c.AllocatedGpu > 0 ? 2 : 0);
        w.WriteEndObject();
        w.WriteString("nodePool", SimulatorData.Nodepools[c.NodepoolRequested]);
        w.WriteString("namespace", Namespace(c));
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------ elements

    public static (int Level, int Parent) ElementShape(int n, int k)
    {
        var l1 = Math.Max(1, n / 6);
        var l2 = n > 1 ? Math.Max(0, Math.Min(n - l1, n / 3)) : 0;
        if (k < l1)
        {
            return (1, -1);
        }

        if (k < l1 + l2)
        {
            return (2, (k - l1) % l1);
        }

        return l2 > 0 ? (3, l1 + ((k - l1 - l2) % l2)) : (2, (k - l1) % l1);
    }

    public void Element(Utf8JsonWriter w, int i, int k)
    {
        ref readonly var c = ref Data.Core(i);
        var (level, parent) = ElementShape(c.ElementCount, k);
        var kind = level switch { 1 => "LeaderWorkerSet", 2 => "StatefulSet", _ => "Pod" };
        w.WriteStartObject();
        w.WriteString("id", Data.MakeId(SimulatorData.KindElement, i, k));
        w.WriteString("name", Data.WorkloadName(i) + "-" + kind.ToLowerInvariant() + "-" + k.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("hierarchyLevel", level);
        if (parent < 0)
        {
            w.WriteNull("parentId");
        }
        else
        {
            w.WriteString("parentId", Data.MakeId(SimulatorData.KindElement, i, parent));
        }

        Iso.Write(w, "createdAt", Math.Min(Data.RefTicks, c.CreatedTicks + (k * TimeSpan.TicksPerSecond)));
        if (k % 5 == 4)
        {
            w.WriteNull("kubernetesRef");
        }
        else
        {
            w.WriteStartObject("kubernetesRef");
            w.WriteString("uid", Data.MakeId(SimulatorData.KindUid, i, 1000 + k).ToString());
            w.WriteString("name", Data.WorkloadName(i) + "-" + k.ToString(CultureInfo.InvariantCulture));
            w.WriteStartObject("gvk");
            w.WriteString("group", level == 3 ? string.Empty : "apps");
            w.WriteString("version", "v1");
            w.WriteString("kind", kind);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
