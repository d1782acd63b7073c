using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using RunAi.Client.Json;

namespace RunAi.Client.Models
{
    /// <summary>A revision of an inference workload (schema <c>Revision</c>).</summary>
    public sealed class Revision : RunAiObject
    {
        public Guid Id { get; set; }

        /// <summary>The same as <see cref="Id"/>, so a revision piped into a cmdlet binds to its <c>-RevisionId</c>.</summary>
        [JsonIgnore]
        public Guid RevisionId => Id;

        public string Name { get; set; } = string.Empty;
        public string Type { get; set; } = string.Empty;
        public Guid WorkloadId { get; set; }
        public int TenantId { get; set; }
        public Guid ClusterId { get; set; }
        public string? ProjectId { get; set; }
        public string? DepartmentId { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? DeletedAt { get; set; }
        public string Phase { get; set; } = string.Empty;
        public string? PhaseMessage { get; set; }
        public DateTimeOffset? PhaseUpdatedAt { get; set; }
        public WorkloadRequestResources? RevisionRequestedResources { get; set; }
        public WorkloadRequestResources? PodsRequestedResources { get; set; }
        public RequestedPods? RequestedPods { get; set; }
        public ValueList<string>? RequestedNodePools { get; set; }
        public WorkloadAllocatedResources? AllocatedResources { get; set; }
        public ValueList<string>? CurrentNodePools { get; set; }
        public int? RunningPods { get; set; }
        public ValueList<string>? Images { get; set; }
        public ValueMap<string>? EnvironmentVariables { get; set; }
        public string? Command { get; set; }
        public string? Arguments { get; set; }
        public ValueList<Condition>? Conditions { get; set; }
        [JsonConverter(typeof(PlainObjectConverter))]
        public IReadOnlyDictionary<string, object?>? AdditionalFields { get; set; }

        public override string ToString() => Name;
    }
}
