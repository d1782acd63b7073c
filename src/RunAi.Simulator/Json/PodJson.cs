using System;
using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>Writes pod p of workload i as the Pod schema, and as the deprecated cluster API's pod.</summary>
internal static class PodJson
{
    /// <summary>The Pod schema; the full verbosity adds the project and workload names.</summary>
    public static void Write(Utf8JsonWriter w, SimulatorData data, int i, int p, bool full)
    {
        ref readonly var c = ref data.Core(i);
        var pods = data.Pods;
        var r = pods.RevisionOf(i, p);
        var created = pods.CreatedTicks(i, p);
        var completed = pods.CompletedTicks(i, p);
        var deleted = pods.DeletedTicks(i, p);
        var node = pods.NodeName(i, p);
        var gpu = c.RequestedGpu / c.ResourcePods;
        var allocated = completed == 0 && c.AllocatedGpu > 0;
        w.WriteStartObject();
        w.WriteString("name", pods.Name(i, p));
        w.WriteString("priorityClassName", c.Type.PriorityClassName());
        w.WriteString("id", data.PodId(i, p));
        w.WriteString("workloadId", data.GetWorkloadId(i));
        if (r >= 0)
        {
            w.WriteString("revisionId", data.RevisionId(i, r));
        }
        else
        {
            w.WriteNull("revisionId");
        }

        w.WriteString("clusterId", data.ClusterId(c.Cluster));
        w.WriteString("projectId", c.ProjectId);
        w.WriteString("nodeName", node);
        IsoTime.Write(w, "createdAt", created);
        IsoTime.WriteNullable(w, "completedAt", completed);
        w.WriteStartArray("containers");
        w.WriteStartObject();
        w.WriteString("name", "main");
        w.WriteString("image", Vocabulary.ImageFor(c.Type, i + Math.Max(0, r)));
        if (node is null)
        {
            w.WriteNull("startedAt");
        }
        else
        {
            IsoTime.Write(w, "startedAt", pods.StartedTicks(i, p));
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("currentNodePool", pods.Nodepool(i));
        w.WriteStartArray("requestedNodePools");
        w.WriteStringValue(c.RequestedNodepool);
        w.WriteEndArray();
        w.WritePropertyName("requestedResources");
        ResourceJson.Requested(w, gpu, 2, 8, false);
        w.WritePropertyName("allocatedResources");
        ResourceJson.Allocated(w, allocated ? gpu : 0, allocated ? 2 : 0, allocated ? 8 : 0);
        w.WriteStartArray("tolerations");
        w.WriteStartObject();
        w.WriteString("key", "nvidia.com/gpu");
        w.WriteString("operator", "Exists");
        w.WriteString("effect", "NoSchedule");
        w.WriteNull("tolerationSeconds");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("k8sPhase", pods.K8sPhase(i, p));
        if (node is null || completed != 0)
        {
            w.WriteNull("ip");
        }
        else
        {
            w.WriteString("ip", "10." + c.Cluster.ToString(CultureInfo.InvariantCulture) + "." + ((i >> 8) & 255).ToString(CultureInfo.InvariantCulture) + "." + ((i + p) & 255).ToString(CultureInfo.InvariantCulture));
        }

        w.WriteNumber("tenantId", WorkloadJson.TenantId);
        IsoTime.Write(w, "k8sPhaseUpdatedAt", Math.Max(created, completed == 0 ? c.PhaseUpdatedTicks : completed));
        IsoTime.Write(w, "updatedAt", Math.Max(Math.Max(created, c.PhaseUpdatedTicks), deleted));
        IsoTime.WriteNullable(w, "deletedAt", deleted);
        if (full)
        {
            w.WriteString("projectName", c.ProjectName);
            w.WriteString("workloadName", data.WorkloadName(i));
        }

        w.WriteEndObject();
    }

    /// <summary>The deprecated cluster API's pod: times in Unix milliseconds (0 = none), node fields only when scheduled.</summary>
    public static void WriteLegacy(Utf8JsonWriter w, SimulatorData data, int i, int p)
    {
        ref readonly var c = ref data.Core(i);
        var pods = data.Pods;
        var created = pods.CreatedTicks(i, p);
        var completed = pods.CompletedTicks(i, p);
        var node = pods.NodeName(i, p);
        var resourcePods = c.ResourcePods;
        w.WriteStartObject();
        w.WriteString("podId", data.PodId(i, p).ToString());
        w.WriteString("jobId", data.GetWorkloadId(i));
        w.WriteString("podGroupId", data.GetWorkloadId(i).ToString());
        w.WriteString("clusterUuid", data.ClusterId(c.Cluster));
        w.WriteString("podName", pods.Name(i, p));
        w.WriteString("imageName", Vocabulary.ImageFor(c.Type, i + Math.Max(0, pods.RevisionOf(i, p))));
        if (node is not null)
        {
            w.WriteString("nodeId", node);
        }

        w.WriteString("phase", pods.K8sPhase(i, p));
        w.WriteString("status", pods.K8sPhase(i, p));
        w.WriteNumber("created", UnixMilliseconds(created));
        w.WriteNumber("completed", UnixMilliseconds(completed));
        if (node is not null)
        {
            w.WriteNumber("started", UnixMilliseconds(pods.StartedTicks(i, p)));
        }

        w.WriteNumber("lastUpdated", UnixMilliseconds(Math.Max(created, c.PhaseUpdatedTicks)));
        w.WriteStartObject("dynamicData");
        w.WriteEndObject();
        w.WriteBoolean("existsInCluster", completed == 0);
        w.WriteStartObject("resourceRequest");
        w.WriteNumber("gpu", c.RequestedGpu / resourcePods);
        w.WriteNumber("cpu", 2);
        w.WriteEndObject();
        w.WriteStartObject("resourceAllocation");
        w.WriteNumber("gpu", completed == 0 ? c.AllocatedGpu / resourcePods : 0);
        w.WriteNumber("cpu", completed == 0 && c.AllocatedGpu > 0 ? 2 : 0);
        w.WriteEndObject();
        w.WriteString("nodePool", c.RequestedNodepool);
        w.WriteString("namespace", c.Namespace);
        w.WriteEndObject();
    }

    private static long UnixMilliseconds(long ticks) => ticks == 0 ? 0 : (ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
