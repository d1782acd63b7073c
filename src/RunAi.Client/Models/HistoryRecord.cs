using System;
using System.Text.Json.Serialization;

namespace RunAi.Client.Models
{
    /// <summary>One entry of a workload's or revision's history: an event or a phase change (schema <c>HistoryRecord1</c>).</summary>
    public sealed class HistoryRecord : RunAiObject, IListedItem
    {
        /// <summary>The workload the record was listed for (set by the client).</summary>
        [JsonIgnore]
        public Guid? WorkloadId { get; set; }

        /// <summary>The inference revision the record was listed for, when it came from a revision.</summary>
        [JsonIgnore]
        public Guid? RevisionId { get; set; }

        void IListedItem.SetListedFor(ListedFor listedFor)
        {
            WorkloadId = listedFor.WorkloadId;
            RevisionId = listedFor.RevisionId;
        }

        // Both are required by the API; a server that sends null anyway still yields a record whose getters work.
        public HistoryRecordMeta? Meta { get; set; }
        public HistoryRecordSpec? Spec { get; set; }

        /// <summary>When the record was created (from <see cref="Meta"/>).</summary>
        [JsonIgnore]
        public DateTimeOffset? Timestamp => Meta?.CreationTimestamp;

        /// <summary><c>Event</c> or <c>PhaseUpdate</c> (from <see cref="Meta"/>).</summary>
        [JsonIgnore]
        public string? RecordType => Meta?.Type;

        /// <summary>The phase a phase update moved to; empty for events.</summary>
        [JsonIgnore]
        public string? Phase => Spec?.PhaseUpdate?.Phase;

        /// <summary>The event's message or the phase update's message.</summary>
        [JsonIgnore]
        public string? Message => Spec?.Event?.Message ?? Spec?.PhaseUpdate?.PhaseMessage;

        public override string ToString() => $"{RecordType}: {Message}";
    }

    public sealed class HistoryRecordMeta : RunAiObject
    {
        public DateTimeOffset CreationTimestamp { get; set; }
        public string Type { get; set; } = string.Empty;

        public override string ToString() => $"{Type} {CreationTimestamp:o}";
    }

    public sealed class HistoryRecordSpec : RunAiObject
    {
        public WorkloadEvent? Event { get; set; }
        public PhaseUpdate? PhaseUpdate { get; set; }

        public override string ToString() => Event?.Message ?? PhaseUpdate?.ToString() ?? string.Empty;
    }

    public sealed class PhaseUpdate : RunAiObject
    {
        public string Phase { get; set; } = string.Empty;
        public string PhaseMessage { get; set; } = string.Empty;

        public override string ToString() => $"{Phase}: {PhaseMessage}";
    }
}
