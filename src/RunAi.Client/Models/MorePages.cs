using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RunAi.Client.Models
{
    // The answers of the workload parts, revisions and pods operations.

    internal sealed class ElementsPage
    {
        public long? Next { get; set; }
        [JsonRequired]
        public List<WorkloadElement>? Elements { get; set; }
    }

    internal sealed class EndpointsResponse
    {
        [JsonRequired]
        public List<WorkloadEndpoint>? Endpoints { get; set; }
    }

    internal sealed class RevisionsResponse
    {
        [JsonRequired]
        public List<Revision>? Revisions { get; set; }
    }

    internal sealed class PodsPage
    {
        public long? Next { get; set; }
        [JsonRequired]
        public List<Pod>? Pods { get; set; }
    }
}
