using System;
using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>Writes a workload as the Workload schema (the detailed form adds pendingSchedulingMessages).</summary>
internal static class WorkloadJson
{
    /// <summary>The tenant every generated entity belongs to.</summary>
    public const int TenantId = 1001;

    private static readonly string[] Sources = ["CLI", "Control-plane", "Other"];

    public static void Write(Utf8JsonWriter w, SimulatorData data, int i, bool detailed)
    {
        ref readonly var c = ref data.Core(i);

        // Details are drawn in property order: keep the sections in this order.
        var h = Hash.For(data.Seed, EntityKind.WorkloadDetail, i);
        w.WriteStartObject();
        WriteIdentity(w, data, i, c, ref h);
        WriteResources(w, c);
        WriteStatus(w, c);
        WriteSpec(w, data, i, c, ref h);
        WriteRuntime(w, data, i, c, ref h);
        if (detailed)
        {
            WritePendingSchedulingMessages(w, c);
        }

        w.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter w, SimulatorData data, int i, in WorkloadCore c, ref Hash h)
    {
        w.WriteString("type", c.Type.Name());
        w.WriteString("name", data.WorkloadName(i));
        w.WriteString("id", data.GetWorkloadId(i));
        w.WriteNumber("tenantId", TenantId);
        w.WriteString("source", Sources[h.Int(3)]);
        w.WriteNumber("priority", c.Priority);
        w.WriteString("priorityClassName", c.Type.PriorityClassName());
        w.WriteString("submittedBy", Vocabulary.Users[c.User]);
        w.WriteString("clusterId", data.ClusterId(c.Cluster));
        w.WriteString("projectName", c.ProjectName);
        w.WriteString("projectId", c.ProjectId);
        w.WriteString("departmentName", c.DepartmentName);
        w.WriteString("departmentId", c.DepartmentId);
        w.WriteString("namespace", c.Namespace);
        IsoTime.Write(w, "createdAt", c.CreatedTicks);
    }

    private static void WriteResources(Utf8JsonWriter w, in WorkloadCore c)
    {
        var pods = c.ResourcePods;
        var running = c.Phase.IsRunning();
        w.WritePropertyName("workloadRequestedResources");
        ResourceJson.Requested(w, c.RequestedGpu, 2 * pods, 8 * pods, false);
        w.WritePropertyName("podsRequestedResources");
        ResourceJson.Requested(w, c.RequestedGpu / pods, 2, 8, false);
        w.WritePropertyName("allocatedResources");
        ResourceJson.Allocated(w, c.AllocatedGpu, running ? 2 * pods : 0, running ? 8 * pods : 0);
        w.WriteStartObject("actionsSupport");
        w.WriteBoolean("delete", true);
        w.WriteBoolean("suspend", c.Type != WorkloadType.Inference);
        w.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter w, in WorkloadCore c)
    {
        w.WriteString("phase", c.Phase.Name());
        WriteConditions(w, c);
        w.WriteString("phaseMessage", c.Phase.Message());
        w.WriteString("k8sPhase", c.Phase.K8sPhase());
        w.WriteNumber("runningPods", c.Phase.IsRunning() ? c.PodCount : 0);
        IsoTime.Write(w, "phaseUpdatedAt", c.PhaseUpdatedTicks);
        IsoTime.Write(w, "k8sPhaseUpdatedAt", c.PhaseUpdatedTicks);
        IsoTime.Write(w, "updatedAt", Math.Max(c.PhaseUpdatedTicks, c.DeletedTicks));
        IsoTime.WriteNullable(w, "deletedAt", c.DeletedTicks);
        IsoTime.WriteNullable(w, "completedAt", c.CompletedTicks);
        var inference = c.Type == WorkloadType.Inference;
        w.WriteStartObject("requestedPods");
        w.WriteNumber("number", c.PodCount);
        w.WriteNumber("min", inference ? 1 : c.PodCount);
        w.WriteNumber("max", inference ? 3 : c.PodCount);
        w.WriteNumber("parallelism", c.PodCount);
        w.WriteNumber("completions", c.PodCount);
        w.WriteEndObject();
        w.WriteStartArray("requestedNodePools");
        w.WriteStringValue(c.RequestedNodepool);
        w.WriteEndArray();
        w.WriteStartArray("currentNodePools");
        if (c.CurrentNodepool is { } current)
        {
            w.WriteStringValue(current);
        }

        w.WriteEndArray();
    }

    /// <summary>Submitted, then the condition that explains the phase.</summary>
    private static void WriteConditions(Utf8JsonWriter w, in WorkloadCore c)
    {
        w.WriteStartArray("conditions");
        w.WriteStartObject();
        w.WriteString("type", "Submitted");
        w.WriteString("status", "True");
        IsoTime.Write(w, "lastTransitionTime", c.CreatedTicks);
        w.WriteEndObject();
        w.WriteStartObject();
        var (type, status, reason, message) = c.Phase switch
        {
            WorkloadPhase.Failed => ("Failed", "True", "PodFailed", "Container exited with code 1"),
            WorkloadPhase.Completed => ("Completed", "True", "Succeeded", null),
            WorkloadPhase.Pending => ("Scheduled", "False", "OverLimit", "Waiting for resources"),
            _ => ("Available", c.Phase.IsAvailable() ? "True" : "False", (string?)null, (string?)null),
        };
        w.WriteString("type", type);
        w.WriteString("status", status);
        if (reason is not null)
        {
            w.WriteString("reason", reason);
        }

        if (message is not null)
        {
            w.WriteString("message", message);
        }

        IsoTime.Write(w, "lastTransitionTime", c.PhaseUpdatedTicks);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteSpec(Utf8JsonWriter w, SimulatorData data, int i, in WorkloadCore c, ref Hash h)
    {
        w.WriteStartArray("images");
        w.WriteStringValue(Vocabulary.ImageFor(c.Type, i));
        w.WriteEndArray();
        w.WriteStartArray("urls");
        if (c.Type is WorkloadType.Workspace or WorkloadType.Inference)
        {
            w.WriteStringValue(EndpointJson.MainUrl(data, i));
        }

        w.WriteEndArray();
        w.WriteStartArray("datasources");
        w.WriteStartObject();
        w.WriteString("type", "pvc");
        w.WriteString("name", "data-" + c.ProjectName);
        w.WriteString("id", data.MakeId(EntityKind.Datasource, c.Project, 0));
        w.WriteEndObject();
        w.WriteEndArray();
        WriteEnvironments(w, data, i, c);
        if (c.Type == WorkloadType.Distributed)
        {
            w.WriteString("distributedFramework", Vocabulary.Frameworks[c.Framework]);
        }

        w.WriteStartObject("additionalFields");
        w.WriteString("simulated", "true");
        w.WriteEndObject();
        w.WriteBoolean("preemptible", c.Type is WorkloadType.Training or WorkloadType.Distributed);
        w.WriteStartObject("environmentVariables");
        w.WriteString("NCCL_DEBUG", "INFO");
        w.WriteString("RUNAI_WORKLOAD", data.WorkloadName(i));
        w.WriteEndObject();
        w.WriteString("command", c.Type switch { WorkloadType.Workspace => "start-notebook.sh", WorkloadType.Inference => "python -m vllm.entrypoints.openai.api_server", _ => "python train.py" });
        w.WriteString("arguments", c.Type == WorkloadType.Inference ? "--port 8000" : "--epochs " + (10 + h.Int(90)).ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteEnvironments(Utf8JsonWriter w, SimulatorData data, int i, in WorkloadCore c)
    {
        var workspace = c.Type == WorkloadType.Workspace;
        w.WriteStartArray("environments");
        w.WriteStartObject();
        w.WriteString("name", c.Type switch { WorkloadType.Workspace => "jupyter-lab", WorkloadType.Inference => "nim-llm", _ => "pytorch" });
        w.WriteString("id", data.MakeId(EntityKind.Environment, (int)c.Type, 0));
        if (c.Type == WorkloadType.Distributed)
        {
            w.WriteString("replicaType", "Master");
        }

        w.WriteStartArray("connections");
        w.WriteStartObject();
        w.WriteString("name", workspace ? "jupyter" : "tensorboard");
        w.WriteString("toolType", workspace ? "jupyter-notebook" : "tensorboard");
        w.WriteString("connectionType", "ExternalUrl");
        w.WriteString("url", EndpointJson.MainUrl(data, i));
        w.WriteString("authorizationType", "authenticatedUsers");
        w.WriteNumber("containerPort", workspace ? 8888 : 6006);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteRuntime(Utf8JsonWriter w, SimulatorData data, int i, in WorkloadCore c, ref Hash h)
    {
        var running = c.Phase.IsRunning();
        if (c.Phase == WorkloadPhase.Pending)
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
        w.WriteString("category", c.Type.Category());
        IsoTime.WriteNullable(w, "guaranteedRuntimeEndsAt", c.GuaranteedTicks);
        if (c.AiApp != 0)
        {
            w.WriteString("aiApplicationId", Vocabulary.AiApplicationId(c.AiApp));
            w.WriteString("aiApplicationName", Vocabulary.AiApplicationName(c.AiApp));
        }

        if (h.Int(2) == 0)
        {
            w.WriteString("sourceApi", "WorkloadsV2");
        }

        if (c.Type == WorkloadType.Distributed)
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
        EndpointJson.WriteItems(w, data, i);
        w.WriteEndArray();
    }

    private static void WritePendingSchedulingMessages(Utf8JsonWriter w, in WorkloadCore c)
    {
        if (c.Phase != WorkloadPhase.Pending)
        {
            w.WriteNull("pendingSchedulingMessages");
            return;
        }

        w.WriteStartArray("pendingSchedulingMessages");
        w.WriteStartObject();
        w.WriteString("nodePool", c.RequestedNodepool);
        w.WriteString("phaseReason", "OverLimit");
        w.WriteString("reason", "Insufficient GPU quota in project");
        w.WriteString("orgType", "PROJECT");
        w.WriteString("userMessage", "Project " + c.ProjectName + " is over its GPU limit");
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
