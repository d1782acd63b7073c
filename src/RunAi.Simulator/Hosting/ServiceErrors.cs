using System;
using Microsoft.AspNetCore.Http;

namespace RunAi.Simulator.Hosting;

/// <summary>
/// Errors raised outside the endpoints (faults, authentication, unknown routes), in the shape of the service the path
/// belongs to: the cluster monitor (/v0) has its own; the rest is Run:ai's.
/// </summary>
internal static class ServiceErrors
{
    public static ApiResult For(HttpContext ctx, int status, string message, string details)
        => IsClusterMonitor(ctx.Request.Path)
            ? ApiResult.MonitorError(status, status switch { 401 => "unauthorized", 429 => "too_many_requests", 503 => "service_unavailable", _ => "error" }, message, details)
            : ApiResult.Error(status, message, details);

    /// <summary>404 for a path and method no endpoint serves.</summary>
    public static ApiResult NoRoute(HttpContext ctx)
    {
        var text = "no route for " + ctx.Request.Method + " " + ctx.Request.Path;
        return IsClusterMonitor(ctx.Request.Path) ? ApiResult.MonitorError(404, "not_found", text) : ApiResult.NotFound(text);
    }

    private static bool IsClusterMonitor(PathString path) => path.StartsWithSegments("/v0", StringComparison.OrdinalIgnoreCase);
}
