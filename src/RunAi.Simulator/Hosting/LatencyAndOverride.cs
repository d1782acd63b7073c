using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace RunAi.Simulator.Hosting;

/// <summary>
/// Middleware: waits <see cref="SimulatorOptions.Latency"/>, then lets <see cref="SimulatorOptions.Override"/> answer
/// instead of the simulator (token endpoint included; no fault counting, no authentication).
/// </summary>
internal sealed class LatencyAndOverride(SimulatorOptions options)
{
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var aborted = ctx.RequestAborted;
        var latency = options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, aborted).ConfigureAwait(false);
        }

        var scripted = options.Override?.Invoke(RequestRecorder.RequestOf(ctx));
        if (scripted is null)
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }

        if (scripted.Delay > TimeSpan.Zero)
        {
            await Task.Delay(scripted.Delay, aborted).ConfigureAwait(false);
        }

        ctx.Response.StatusCode = scripted.StatusCode;
        foreach (var (name, value) in scripted.Headers)
        {
            ctx.Response.Headers[name] = value;
        }

        if (scripted.Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(scripted.Body);
            ctx.Response.ContentType = scripted.ContentType;
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes, aborted).ConfigureAwait(false);
        }
    }
}
