using System;
using System.Text.Json.Serialization;

namespace RunAi.Client.Models
{
    /// <summary>A Kubernetes event of a workload or revision (schema <c>Event2</c>).</summary>
    public sealed class WorkloadEvent : RunAiObject, IListedItem
    {
        /// <summary>The workload the event was listed for (set by the client; the API does not repeat it).</summary>
        [JsonIgnore]
        public Guid? WorkloadId { get; set; }

        /// <summary>The inference revision the event was listed for, when it came from a revision.</summary>
        [JsonIgnore]
        public Guid? RevisionId { get; set; }

        void IListedItem.SetListedFor(ListedFor listedFor)
        {
            WorkloadId = listedFor.WorkloadId;
            RevisionId = listedFor.RevisionId;
        }

        public DateTimeOffset CreatedAt { get; set; }
        public Guid? Id { get; set; }
        public string Type { get; set; } = string.Empty;
        public Guid ClusterId { get; set; }
        public string Message { get; set; } = string.Empty;
        public string? Reason { get; set; }
        public string? Source { get; set; }
        public InvolvedObject? InvolvedObject { get; set; }

        public override string ToString() => Message;
    }

    public sealed class InvolvedObject : RunAiObject
    {
        public Guid Uid { get; set; }
        public string Kind { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string Namespace { get; set; } = string.Empty;

        public override string ToString() => $"{Kind}/{Name}";
    }
}
