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
    internal sealed partial class RunAiJsonContext : JsonSerializerContext
    {
    }
}
