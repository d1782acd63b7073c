using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>Writes revision r of inference workload i as the Revision schema.</summary>
internal static class RevisionJson
{
    public static void Write(Utf8JsonWriter w, SimulatorData data, int i, int r)
    {
        ref readonly var c = ref data.Core(i);
        var revisions = data.Revisions;
        var (from, to) = revisions.Span(i, r);
        var phase = revisions.Phase(i, r);
        var running = phase.IsRunning() && !c.IsDeleted;
        var pods = revisions.PodCount(i, r);
        w.WriteStartObject();
        w.WriteString("type", "Inference");
        w.WriteString("name", revisions.Name(i, r));
        w.WriteString("id", data.RevisionId(i, r));
        w.WriteString("workloadId", data.GetWorkloadId(i));
        w.WriteNumber("tenantId", WorkloadJson.TenantId);
        w.WriteString("clusterId", data.ClusterId(c.Cluster));
        w.WriteString("projectId", c.ProjectId);
        w.WriteString("departmentId", c.DepartmentId);
        IsoTime.Write(w, "createdAt", from);
        IsoTime.WriteNullable(w, "deletedAt", revisions.DeletedTicks(i, r));
        w.WritePropertyName("revisionRequestedResources");
        ResourceJson.Requested(w, c.RequestedGpu, 2, 8, true);
        w.WritePropertyName("podsRequestedResources");
        ResourceJson.Requested(w, c.RequestedGpu, 2, 8, true);
        w.WriteStartObject("requestedPods");
        w.WriteNumber("number", pods);
        w.WriteNumber("min", 1);
        w.WriteNumber("max", 3);
        w.WriteEndObject();
        w.WriteStartArray("requestedNodePools");
        w.WriteStringValue(c.RequestedNodepool);
        w.WriteEndArray();
        w.WritePropertyName("allocatedResources");
        ResourceJson.Allocated(w, running ? c.RequestedGpu * pods : 0, running ? 2 * pods : 0, running ? 8 * pods : 0);
        w.WriteStartArray("currentNodePools");
        if (running)
        {
            w.WriteStringValue(c.RequestedNodepool);
        }

        w.WriteEndArray();
        w.WriteNumber("runningPods", running ? pods : 0);
        w.WriteStartArray("images");
        w.WriteStringValue(Vocabulary.ImageFor(c.Type, i + r));
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
        IsoTime.Write(w, "lastTransitionTime", to);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("phase", phase.Name());
        w.WriteString("phaseMessage", phase.Message());
        IsoTime.Write(w, "phaseUpdatedAt", to);
        w.WriteStartObject("additionalFields");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
