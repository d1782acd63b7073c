using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using RunAi.Simulator.Endpoints;

namespace RunAi.Simulator.Hosting;

/// <summary>
/// Middleware for the every-Nth knobs: counts API requests (the token endpoint is not counted) and answers the Nth
/// with 429 or 503 (429 wins), or marks its body to be cut in half.
/// </summary>
internal sealed class FaultInjector(SimulatorOptions options)
{
    private const string TruncateKey = "sim.truncate";
    private long counter;

    /// <summary>API requests counted so far.</summary>
    public long Count => Interlocked.Read(ref counter);

    /// <summary>Whether this response's body is to be cut in half.</summary>
    public static bool IsTruncated(HttpContext ctx) => ctx.Items.ContainsKey(TruncateKey);

    /// <summary>The next API request is number 1 again.</summary>
    public void ResetCount() => Interlocked.Exchange(ref counter, 0);

    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (TokenEndpoint.Serves(ctx.Request.Path))
        {
            return next(ctx);
        }

        var n = Interlocked.Increment(ref counter);
        if (Hits(n, options.TooManyRequestsEvery))
        {
            var retryAfter = options.RetryAfterSeconds;
            var result = ServiceErrors.For(ctx, 429, "Too many requests", "rate limit exceeded; retry after " + retryAfter + " s");
            result.Headers["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture);
            return result.SendAsync(ctx);
        }

        if (Hits(n, options.ServiceUnavailableEvery))
        {
            return ServiceErrors.For(ctx, 503, "Service unavailable", "the control plane is temporarily unavailable").SendAsync(ctx);
        }

        if (Hits(n, options.TruncateBodyEvery))
        {
            ctx.Items[TruncateKey] = true;
        }

        return next(ctx);
    }

    private static bool Hits(long n, int every) => every > 0 && n % every == 0;
}
