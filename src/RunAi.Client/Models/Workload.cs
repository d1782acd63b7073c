using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using RunAi.Client.Json;

namespace RunAi.Client.Models
{
    /// <summary>A workload as the workloads list returns it (schema <c>Workload</c>).</summary>
    public class Workload : RunAiObject
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = string.Empty;
        public string Type { get; set; } = string.Empty;
        /// <summary>The Run:ai phase (Running, Pending, Failed, …). Kept as text so a phase added by a newer server still reads.</summary>
        public string Phase { get; set; } = string.Empty;
        public string? PhaseMessage { get; set; }
        public string? PhaseReason { get; set; }
        public DateTimeOffset? PhaseUpdatedAt { get; set; }
        public string? K8sPhase { get; set; }
        public DateTimeOffset? K8sPhaseUpdatedAt { get; set; }
        public int TenantId { get; set; }
        public Guid ClusterId { get; set; }
        public string ProjectName { get; set; } = string.Empty;
        public string? ProjectId { get; set; }
        public string? DepartmentName { get; set; }
        public string? DepartmentId { get; set; }
        public string? Namespace { get; set; }
        public string? Category { get; set; }
        public string? Source { get; set; }
        public string? SourceApi { get; set; }
        public int? Priority { get; set; }
        public string? PriorityClassName { get; set; }
        public string? SubmittedBy { get; set; }
        public int RunningPods { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? DeletedAt { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public DateTimeOffset? GuaranteedRuntimeEndsAt { get; set; }
        public WorkloadRequestResources? WorkloadRequestedResources { get; set; }
        public WorkloadRequestResources? PodsRequestedResources { get; set; }
        public WorkloadAllocatedResources? AllocatedResources { get; set; }
        public ActionsSupport? ActionsSupport { get; set; }
        public ValueList<Condition>? Conditions { get; set; }
        public RequestedPods? RequestedPods { get; set; }
        public ValueList<string>? RequestedNodePools { get; set; }
        public ValueList<string>? CurrentNodePools { get; set; }
        public ValueList<string>? Images { get; set; }
        public ValueList<ChildReference>? ChildrenIds { get; set; }
        /// <summary>Deprecated by the API in favour of <see cref="Endpoints"/>.</summary>
        public ValueList<string>? Urls { get; set; }
        public ValueList<Datasource>? Datasources { get; set; }
        public ValueList<WorkloadEnvironment>? Environments { get; set; }
        /// <summary>Deprecated by the API in favour of <see cref="Endpoints"/>.</summary>
        public ValueList<Connection>? ExternalConnections { get; set; }
        public string? DistributedFramework { get; set; }
        [JsonConverter(typeof(PlainObjectConverter))]
        public IReadOnlyDictionary<string, object?>? AdditionalFields { get; set; }
        public bool? Preemptible { get; set; }
        public ValueMap<string>? EnvironmentVariables { get; set; }
        public string? Command { get; set; }
        public string? Arguments { get; set; }
        /// <summary>Deprecated by the API in favour of <see cref="IdleAllocatedGpus"/>.</summary>
        public long? IdleGpus { get; set; }
        public double? IdleAllocatedGpus { get; set; }
        public long? TotalPendingTimeSeconds { get; set; }
        public long? TotalRunningTimeSeconds { get; set; }
        public string? AiApplicationId { get; set; }
        public string? AiApplicationName { get; set; }
        public WorkloadTopology? Topology { get; set; }
        public ValueList<WorkloadEndpoint>? Endpoints { get; set; }

        /// <summary>GPUs allocated now (from <see cref="AllocatedResources"/>), for sorting and tables.</summary>
        [JsonIgnore]
        public double? AllocatedGpus => AllocatedResources?.Gpu;

        public override string ToString() => Name;
    }

    /// <summary>A single workload with its scheduling detail (schema <c>WorkloadDetailed</c>).</summary>
    public sealed class WorkloadDetailed : Workload
    {
        public ValueList<PendingSchedulingMessage>? PendingSchedulingMessages { get; set; }
    }
}
