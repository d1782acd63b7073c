using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Http;
using RunAi.Client.Json;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>Timeouts versus cancellation, cancellable retry waits, a 429 that holds the whole session, and the body-size cap without a Content-Length.</summary>
public sealed class ResilienceTests : IClassFixture<ClientFixture>
{
    private readonly ClientFixture _f;

    public ResilienceTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task A_call_held_by_the_sessions_Retry_After_tells_its_wait_listener_why_and_for_how_long()
    {
        // The first call gets the 429 and waits its Retry-After; a second call of the same session, started during that
        // wait, is held at the session's gate: each tells its own listener, so a progress bar can say why nothing arrives.
        var answered = 0;
        _f.Simulator.Options.Override = r => r.Path == "/api/v1/workloads/count" && Interlocked.Increment(ref answered) == 1
            ? new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "4" } }
            : null;
        using var client = _f.TokenClient(o => o.RetryDelay = TimeSpan.FromMilliseconds(10));
        var first = new Waits();
        var second = new Waits();

        Task<long> firstCall;
        using (Diagnostics.RunAiDiagnostics.Listen(first))
        {
            firstCall = client.CountWorkloadsAsync();
        }

        var (wait, reason) = await first.Next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(4), wait);
        Assert.Equal("the server asked this session to slow down (429 Retry-After)", reason);

        Task<long> secondCall;
        using (Diagnostics.RunAiDiagnostics.Listen(second))
        {
            secondCall = client.CountWorkloadsAsync();
        }

        var (held, why) = await second.Next.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(held, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(4));
        Assert.Equal("the server asked this session to slow down (429 Retry-After)", why);
        Assert.True(await firstCall >= 0);
        Assert.True(await secondCall >= 0);
    }

    private sealed class Waits : Diagnostics.IRunAiDiagnosticsListener, Diagnostics.IRunAiWaitListener
    {
        public TaskCompletionSource<(TimeSpan Wait, string Reason)> Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void PageReceived(string what, int pageNumber, int itemCount)
        {
        }

        public void Waiting(TimeSpan wait, string reason) => Next.TrySetResult((wait, reason));
    }

    [Fact]
    public async Task Cancelling_during_a_Retry_After_wait_ends_the_call_at_once_as_a_cancellation()
    {
        _f.Simulator.Options.Override = _ => new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "30" } };
        using var client = _f.TokenClient();
        using var cancel = new CancellationTokenSource();
        var call = client.CountWorkloadsAsync(null, cancel.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_f.Simulator.Requests.Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10); // polls, bounded by the loop's deadline
        }

        await Task.Delay(200); // room for a wrongly early answer: asserting that a call still waits needs some real time
        Assert.False(call.IsCompleted);
        var clock = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Single(_f.Simulator.Requests);
    }

    [Fact]
    public async Task A_429_Retry_After_holds_every_call_of_the_session_but_not_another_session()
    {
        // Arrival times as the server sees them (the simulator adds no latency here, so the override runs on arrival).
        var arrivals = new System.Collections.Concurrent.ConcurrentQueue<(string Path, long At)>();
        var limited = 0;
        _f.Simulator.Options.Override = r =>
        {
            arrivals.Enqueue((r.Path, Stopwatch.GetTimestamp()));
            return r.Path == "/api/v1/workloads/count" && Interlocked.Exchange(ref limited, 1) == 0
                ? new SimulatedResponse(429, "{\"code\":429,\"message\":\"slow down\"}") { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } }
                : null;
        };
        using var session = _f.TokenClient();
        using var other = _f.TokenClient();
        var workload = _f.Simulator.Data.WorkloadIds[0];

        // Both clients warm (handlers built, connections open), so a slow first call is not mistaken for a held one.
        await Task.WhenAll(session.GetWorkloadAsync(workload), other.GetWorkloadAsync(workload));
        arrivals.Clear();

        var limitedCall = session.CountWorkloadsAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_f.Simulator.Requests.Any(r => r.StatusCode == 429) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10); // polls, bounded by the loop's deadline
        }

        // The 429 reached the client; a call started now on the same session must wait out the window too.
        await Task.Delay(200);
        var sameSession = session.GetWorkloadAsync(workload);
        var otherSession = other.GetWorkloadAsync(workload);
        await Task.WhenAll(limitedCall, sameSession, otherSession);

        var seen = arrivals.ToList();
        var limitedAt = seen.First(a => a.Path == "/api/v1/workloads/count").At;
        double SecondsAfter429(long at) => (double)(at - limitedAt) / Stopwatch.Frequency;
        var retry = SecondsAfter429(seen.Last(a => a.Path == "/api/v1/workloads/count").At);
        var getCalls = seen.Where(a => a.Path == "/api/v1/workloads/" + workload).Select(a => SecondsAfter429(a.At)).OrderBy(t => t).ToList();

        // Sorted by arrival: the other session's call goes at once, the limited session's waits for the window.
        Assert.Equal(2, getCalls.Count);
        Assert.True(retry >= 1.0, $"the limited call was retried {retry:0.000} s after the 429, inside its 1 s Retry-After");
        Assert.True(getCalls[0] < 0.9, $"another session's call was held too: it arrived {getCalls[0]:0.000} s after the 429");
        Assert.True(getCalls[1] >= 1.0, $"a call of the same session arrived {getCalls[1]:0.000} s after the 429, inside its 1 s Retry-After");
    }

    [Fact]
    public async Task The_callers_cancellation_during_a_slow_attempt_is_a_cancellation_not_a_timeout()
    {
        _f.Simulator.Options.Latency = TimeSpan.FromSeconds(30);
        using var client = _f.TokenClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CountWorkloadsAsync(null, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_slow_attempt_times_out_is_retried_and_the_error_names_the_attempts()
    {
        _f.Simulator.Options.Latency = TimeSpan.FromSeconds(5);
        using var client = _f.TokenClient(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 2;
        });
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(RunAiFailureKind.Timeout, failure.Kind);
        Assert.Equal(3, failure.Attempts);
        Assert.Contains("after 3 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("0.3 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_a_length_is_cut_off_at_the_cap_as_an_invalid_response()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/api/v1/workloads"));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessJson()), RequestMessage = request };
        Assert.Null(response.Content.Headers.ContentLength);

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() =>
            ApiResponseReader.ReadAsync(response, request, RunAiJsonContext.Default.WorkloadsPage, new ReadLimits(1024 * 1024, TimeSpan.FromSeconds(30)), CancellationToken.None));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.Contains("larger than 1 MiB", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_reading()
    {
        _f.Simulator.Options.Override = _ => new SimulatedResponse(200, "{\"count\":1,\"pad\":\"" + new string('x', 4096) + "\"}");
        using var client = _f.TokenClient(o => o.MaxResponseBytes = 1024);
        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.CountWorkloadsAsync());

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal("/api/v1/workloads/count", failure.Path);
    }

    /// <summary>A never-ending, well-formed JSON array, without a length.</summary>
    private sealed class EndlessJson : Stream
    {
        private static readonly byte[] Head = System.Text.Encoding.UTF8.GetBytes("{\"workloads\":[");
        private static readonly byte[] Item = System.Text.Encoding.UTF8.GetBytes("{\"name\":\"padding padding padding padding\"},");
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = _position < Head.Length ? Head[_position] : Item[(_position - Head.Length) % Item.Length];
                _position++;
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
