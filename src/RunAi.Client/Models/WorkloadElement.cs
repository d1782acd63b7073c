using System;
using System.Text.Json.Serialization;

namespace RunAi.Client.Models
{
    /// <summary>A structure element of a workload (schema <c>WorkloadElement</c>).</summary>
    public sealed class WorkloadElement : RunAiObject, IListedItem
    {
        /// <summary>The workload the element was listed for (set by the client).</summary>
        [JsonIgnore]
        public Guid? WorkloadId { get; set; }

        void IListedItem.SetListedFor(ListedFor listedFor) => WorkloadId = listedFor.WorkloadId;

        public Guid Id { get; set; }
        public string Name { get; set; } = string.Empty;
        /// <summary>1 (top level), 2 or 3.</summary>
        public int HierarchyLevel { get; set; }
        public Guid? ParentId { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public KubernetesReference? KubernetesRef { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>The Kubernetes object backing a structure element.</summary>
    public sealed class KubernetesReference : RunAiObject
    {
        public string? Uid { get; set; }
        public string? Name { get; set; }
        public GroupVersionKind? Gvk { get; set; }

        public override string ToString() => $"{Gvk?.Kind}/{Name}";
    }

    public sealed class GroupVersionKind : RunAiObject
    {
        public string? Group { get; set; }
        public string? Version { get; set; }
        public string? Kind { get; set; }

        public override string ToString() => string.IsNullOrEmpty(Group) ? $"{Version}/{Kind}" : $"{Group}/{Version}/{Kind}";
    }

    /// <summary>How many structure elements a workload has, and how many of them are stored (and listable).</summary>
    public sealed class WorkloadElementCount : RunAiObject, IListedItem
    {
        /// <summary>The workload counted (set by the client).</summary>
        [JsonIgnore]
        public Guid WorkloadId { get; set; }

        // Only ever listed for a workload.
        void IListedItem.SetListedFor(ListedFor listedFor) => WorkloadId = listedFor.WorkloadId.GetValueOrDefault();

        [JsonRequired]
        public long TotalElementsCount { get; set; }

        [JsonRequired]
        public long StoredElementsCount { get; set; }

        /// <summary>True when the server stored fewer elements than exist.</summary>
        [JsonIgnore]
        public bool Truncated => StoredElementsCount < TotalElementsCount;

        public override string ToString() => $"{StoredElementsCount}/{TotalElementsCount}";
    }
}
