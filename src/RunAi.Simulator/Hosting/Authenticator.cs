using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using RunAi.Simulator.Endpoints;

namespace RunAi.Simulator.Hosting;

/// <summary>Middleware: every request but the token endpoint's needs a valid bearer token, else 401 with WWW-Authenticate.</summary>
internal sealed class Authenticator(TokenStore tokens)
{
    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (TokenEndpoint.Serves(ctx.Request.Path))
        {
            return next(ctx);
        }

        var failure = tokens.Check(RequestRecorder.RequestOf(ctx).Authorization);
        if (failure is not AuthFailure refused)
        {
            return next(ctx);
        }

        var expired = refused == AuthFailure.TokenExpired;
        var result = ServiceErrors.For(ctx, 401, expired ? "token expired" : "Unauthorized", refused.Describe());
        result.Headers["WWW-Authenticate"] = expired ? "Bearer error=\"invalid_token\", error_description=\"token expired\"" : "Bearer";
        return result.SendAsync(ctx);
    }
}
