using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RunAi.Client.Models
{
    // The list answers: one page of items and the offset of the next page, absent on the last page.

    internal sealed class WorkloadsPage
    {
        public long? Next { get; set; }
        [JsonRequired]
        public List<Workload>? Workloads { get; set; }
    }

    internal sealed class EventsPage
    {
        public long? Next { get; set; }
        // Event2 is nullable in the API's document: a null event is skipped, not an error.
        [JsonRequired]
        [JsonConverter(typeof(Json.NullableItemsConverter<List<WorkloadEvent>, WorkloadEvent>))]
        public List<WorkloadEvent>? Events { get; set; }
    }

    internal sealed class HistoryPage
    {
        public long? Next { get; set; }
        [JsonRequired]
        public List<HistoryRecord>? Records { get; set; }
    }

    internal sealed class CountResponse
    {
        [JsonRequired]
        public long Count { get; set; }
    }
}
