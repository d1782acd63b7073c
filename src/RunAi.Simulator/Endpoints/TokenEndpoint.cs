using System;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Hosting;

namespace RunAi.Simulator.Endpoints;

/// <summary>The token endpoint: client credentials in, a bearer token out. It needs no token and is not counted by the fault knobs.</summary>
internal sealed class TokenEndpoint(SimulatorData data, SimulatorOptions options, TokenStore tokens) : ApiEndpoints(data)
{
    public const string Path = "/api/v1/token";

    public static bool Serves(PathString path) => string.Equals(path.Value ?? "/", Path, StringComparison.OrdinalIgnoreCase);

    public override void Map(IEndpointRouteBuilder routes) => Post(routes, Path, IssueToken);

    private ApiResult IssueToken(ApiRequest request)
    {
        var body = request.Body;
        if (string.IsNullOrWhiteSpace(body))
        {
            throw RequestRejectedException.BadRequest("request body is required");
        }

        var (grant, id, secret) = ReadCredentials(body);
        if (grant is null || id is null || secret is null)
        {
            throw RequestRejectedException.BadRequest("grantType, clientId and clientSecret are required");
        }

        if (grant != "client_credentials")
        {
            throw RequestRejectedException.BadRequest("unsupported grantType '" + grant + "'");
        }

        if (id != options.ClientId || secret != options.ClientSecret)
        {
            return ApiResult.Error(401, "Unauthorized", "invalid client credentials");
        }

        var lifetime = options.TokenLifetimeSeconds;
        var token = tokens.Issue(lifetime);
        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteString("accessToken", token);
            w.WriteNumber("expiresIn", lifetime);
            w.WriteEndObject();
        });
    }

    /// <summary>grantType, clientId and clientSecret; null where missing, empty or not a string.</summary>
    private static (string? Grant, string? Id, string? Secret) ReadCredentials(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw RequestRejectedException.BadRequest("request body must be a JSON object");
            }

            return (Text(doc.RootElement, "grantType"), Text(doc.RootElement, "clientId"), Text(doc.RootElement, "clientSecret"));
        }
        catch (JsonException ex)
        {
            throw RequestRejectedException.BadRequest("malformed JSON: " + ex.Message);
        }

        static string? Text(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
    }
}
