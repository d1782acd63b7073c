using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using RunAi.Client.Json;

namespace RunAi.Client.Models
{
    /// <summary>A pod of a workload or revision (schema <c>Pod1</c>).</summary>
    public sealed class Pod : RunAiObject
    {
        public Guid Id { get; set; }

        /// <summary>The same as <see cref="Id"/>, so a pod piped into <c>Get-RunAiPodMetric</c> binds to <c>-PodId</c>.</summary>
        [JsonIgnore]
        public Guid PodId => Id;

        public string Name { get; set; } = string.Empty;
        public Guid WorkloadId { get; set; }
        public Guid? RevisionId { get; set; }
        public Guid ClusterId { get; set; }
        public string? ProjectId { get; set; }
        public string? PriorityClassName { get; set; }
        public string? NodeName { get; set; }
        public string K8sPhase { get; set; } = string.Empty;
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public DateTimeOffset? K8sPhaseUpdatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? DeletedAt { get; set; }
        public int TenantId { get; set; }
        public ValueList<PodContainer>? Containers { get; set; }
        public string? CurrentNodePool { get; set; }
        public ValueList<string>? RequestedNodePools { get; set; }
        public WorkloadRequestResources? RequestedResources { get; set; }
        public WorkloadAllocatedResources? AllocatedResources { get; set; }
        public ValueList<PodToleration>? Tolerations { get; set; }
        public string? Ip { get; set; }

        /// <summary>Only with <c>verbosity=full</c>.</summary>
        public string? ProjectName { get; set; }

        /// <summary>Only with <c>verbosity=full</c>.</summary>
        public string? WorkloadName { get; set; }

        public override string ToString() => Name;
    }

    public sealed class PodContainer : RunAiObject
    {
        public string Name { get; set; } = string.Empty;
        public string Image { get; set; } = string.Empty;
        public DateTimeOffset? StartedAt { get; set; }

        public override string ToString() => $"{Name} ({Image})";
    }

    public sealed class PodToleration : RunAiObject
    {
        public string? Key { get; set; }
        public string? Operator { get; set; }
        public string? Value { get; set; }
        public string? Effect { get; set; }
        public long? TolerationSeconds { get; set; }

        public override string ToString() => $"{Key}{Operator}{Value}:{Effect}";
    }

    /// <summary>A pod as the deprecated <c>/v1/k8s/clusters/{uuid}/pods</c> returns it (schema <c>Pod</c>).</summary>
    public sealed class ClusterPod : RunAiObject
    {
        public string PodId { get; set; } = string.Empty;
        public Guid JobId { get; set; }
        public string? PodGroupId { get; set; }
        public Guid ClusterUuid { get; set; }
        public string PodName { get; set; } = string.Empty;
        public string? ImageName { get; set; }
        public string? NodeId { get; set; }
        public string? Phase { get; set; }
        public string? Status { get; set; }
        public long Created { get; set; }
        public long Completed { get; set; }
        public long? Started { get; set; }
        public long LastUpdated { get; set; }
        [JsonConverter(typeof(PlainObjectConverter))]
        public IReadOnlyDictionary<string, object?>? DynamicData { get; set; }
        public bool? ExistsInCluster { get; set; }
        public ValueMap<double>? ResourceRequest { get; set; }
        public ValueMap<double>? ResourceAllocation { get; set; }
        public string? NodePool { get; set; }
        public string? Namespace { get; set; }

        public override string ToString() => PodName;
    }
}
