using System.Text.Json.Serialization;
using RunAi.Client.Json;

namespace RunAi.Client.Http
{
    /// <summary>
    /// An error body. Run:ai sends <c>{code, message, details}</c>; other services reached through the
    /// session (the cluster monitor) send <c>{message, error_code, details}</c>; both are read here.
    /// </summary>
    internal sealed class ApiErrorBody
    {
        [JsonConverter(typeof(JsonAsTextConverter))]
        public string? Code { get; set; }

        [JsonPropertyName("error_code")]
        [JsonConverter(typeof(JsonAsTextConverter))]
        public string? ErrorCode { get; set; }

        [JsonConverter(typeof(JsonAsTextConverter))]
        public string? Message { get; set; }

        [JsonConverter(typeof(JsonAsTextConverter))]
        public string? Details { get; set; }
    }

    internal sealed class TokenRequest
    {
        public string GrantType { get; set; } = "client_credentials";
        public string ClientId { get; set; } = string.Empty;
        public string ClientSecret { get; set; } = string.Empty;

        // Never let a debugger display or a log line show the secret.
        public override string ToString() => $"TokenRequest(clientId={ClientId})";
    }

    internal sealed class TokenResponse
    {
        public string? AccessToken { get; set; }
        public double? ExpiresIn { get; set; }

        public override string ToString() => "TokenResponse(****)";
    }
}
