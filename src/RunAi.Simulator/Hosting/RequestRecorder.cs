using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace RunAi.Simulator.Hosting;

/// <summary>
/// Outermost middleware: reads the request once (body included) for the steps after it, and records it with the
/// status that was sent. A client that goes away is recorded with 499 and gets nothing.
/// </summary>
internal sealed class RequestRecorder
{
    private readonly List<RecordedRequest> requests = [];
    private readonly Lock gate = new();
    private int inFlight;
    private long lastArrival = Stopwatch.GetTimestamp();

    /// <summary>Requests that have arrived and not yet ended.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Time since the last request arrived.</summary>
    public TimeSpan SinceLastArrival => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastArrival));

    /// <summary>The request as read on arrival (its <see cref="RecordedRequest.StatusCode"/> is 0).</summary>
    public static RecordedRequest RequestOf(HttpContext ctx)
        => ctx.Features.Get<RecordedRequest>() ?? throw new InvalidOperationException("The request was not read by " + nameof(RequestRecorder) + ".");

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        Interlocked.Increment(ref inFlight);
        Interlocked.Exchange(ref lastArrival, Stopwatch.GetTimestamp());
        try
        {
            await RecordAsync(ctx, next).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task RecordAsync(HttpContext ctx, RequestDelegate next)
    {
        var request = ctx.Request;
        var aborted = ctx.RequestAborted;
        var query = request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal);
        var authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : null;
        var seen = new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, query, authorization, null, 0);
        var recorded = 0;

        // Recorded as the response starts, before the client can see it: a test that got its answer finds the
        // request in the log. A request that never answers (the client went away) is recorded at the end.
        void Record()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                lock (gate)
                {
                    requests.Add(seen with { StatusCode = ctx.Response.StatusCode });
                }
            }
        }

        ctx.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });
        try
        {
            seen = seen with { Body = await ReadBodyAsync(request, aborted).ConfigureAwait(false) };
            ctx.Features.Set(seen);
            await next(ctx).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            ctx.Response.StatusCode = 499;
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            ctx.Response.StatusCode = 499;
        }
        finally
        {
            Record();
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, false, 4096, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
