using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Hosting;

namespace RunAi.Simulator.Endpoints;

/// <summary>The routes of one API area. Handlers compute a result synchronously; a rejected request is answered here.</summary>
internal abstract class ApiEndpoints(SimulatorData data)
{
    protected SimulatorData Data { get; } = data;

    public abstract void Map(IEndpointRouteBuilder routes);

    protected void Get(IEndpointRouteBuilder routes, string pattern, Func<ApiRequest, ApiResult> handler)
        => routes.MapGet(pattern, ctx => Answer(ctx, handler).SendAsync(ctx));

    protected void Post(IEndpointRouteBuilder routes, string pattern, Func<ApiRequest, ApiResult> handler)
        => routes.MapPost(pattern, ctx => Answer(ctx, handler).SendAsync(ctx));

    private ApiResult Answer(HttpContext ctx, Func<ApiRequest, ApiResult> handler)
    {
        try
        {
            return handler(new ApiRequest(ctx, Data));
        }
        catch (RequestRejectedException rejected)
        {
            return rejected.Answer;
        }
    }
}
