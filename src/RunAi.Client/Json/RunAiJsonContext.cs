using System.Text.Json.Serialization;
using RunAi.Client.Http;
using RunAi.Client.Models;

namespace RunAi.Client.Json
{
    /// <summary>Source-generated serialization for every type the client reads or writes (no reflection at run time).</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(WorkloadsPage))]
    [JsonSerializable(typeof(WorkloadDetailed))]
    [JsonSerializable(typeof(EventsPage))]
    [JsonSerializable(typeof(HistoryPage))]
    [JsonSerializable(typeof(CountResponse))]
    [JsonSerializable(typeof(TokenRequest))]
    [JsonSerializable(typeof(TokenResponse))]
    [JsonSerializable(typeof(ApiErrorBody))]
    [JsonSerializable(typeof(TelemetryResponse))]
    [JsonSerializable(typeof(MetricsResponse))]
    [JsonSerializable(typeof(EndpointsResponse))]
    [JsonSerializable(typeof(ElementsPage))]
    [JsonSerializable(typeof(WorkloadElementCount))]
    [JsonSerializable(typeof(RevisionsResponse))]
    [JsonSerializable(typeof(Revision))]
    [JsonSerializable(typeof(PodsPage))]
    [JsonSerializable(typeof(System.Collections.Generic.List<ClusterPod>))]
    [JsonSerializable(typeof(System.Text.Json.JsonElement))]
    internal sealed partial class RunAiJsonContext : JsonSerializerContext
    {
    }
}
