using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Authentication;
using RunAi.Client.Http;
using RunAi.Client.Json;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// A server that sends its headers and then stalls must end in a Timeout, on every runtime: also where the response
/// stream ignores the CancellationToken, as .NET Framework's does (Windows PowerShell 5.1).
/// </summary>
public sealed class BodyTimeoutTests
{
    /// <summary>Long enough that a hang is a hang, short enough for a failing test to end.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_server_that_sends_headers_then_stalls_ends_in_a_timeout()
    {
        await using var server = ScriptedTcpServer.StallingBody();
        using var client = new RunAiClient(new RunAiClientOptions(server.BaseUri, new RunAiTokenCredential("t")) { AttemptTimeout = TimeSpan.FromSeconds(1) });

        var failure = await WithinAsync(Hang, () => client.CountWorkloadsAsync());

        Assert.Equal(RunAiFailureKind.Timeout, failure.Kind);
        Assert.Contains("sent its headers but not its body within 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_body_times_out_even_when_the_stream_ignores_cancellation_and_the_stream_is_closed()
    {
        using var stalled = new TokenIgnoringStream();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/api/v1/workloads/count"));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stalled), RequestMessage = request };
        var clock = Stopwatch.StartNew();

        var failure = await WithinAsync(Hang, () =>
            ApiResponseReader.ReadAsync(response, request, RunAiJsonContext.Default.CountResponse, new ReadLimits(1024 * 1024, TimeSpan.FromSeconds(1)), CancellationToken.None));

        Assert.Equal(RunAiFailureKind.Timeout, failure.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds} s");
        Assert.True(stalled.Closed.Wait(TimeSpan.FromSeconds(10)), "the stalled response stream was never closed");
    }

    [Fact]
    public async Task Cancelling_while_the_body_stalls_ends_the_call_at_once_even_when_the_stream_ignores_cancellation()
    {
        using var stalled = new TokenIgnoringStream();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/api/v1/workloads/count"));
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stalled), RequestMessage = request };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var call = ApiResponseReader.ReadAsync(response, request, RunAiJsonContext.Default.CountResponse, new ReadLimits(1024 * 1024, TimeSpan.FromMinutes(5)), cancel.Token);

        Assert.Same(call, await Task.WhenAny(call, Task.Delay(Hang))); // a guard against a hang, not a measure of speed
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task An_error_answer_whose_body_stalls_still_fails_with_its_status()
    {
        await using var server = ScriptedTcpServer.StallingBody(status: 404);
        using var client = new RunAiClient(new RunAiClientOptions(server.BaseUri, new RunAiTokenCredential("t")) { AttemptTimeout = TimeSpan.FromSeconds(1) });

        var failure = await WithinAsync(Hang, () => client.CountWorkloadsAsync());

        Assert.Equal(RunAiFailureKind.HttpStatus, failure.Kind);
        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("the body did not arrive within 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seconds_in_a_message_read_the_same_in_every_culture()
    {
        var before = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        try
        {
            CultureInfo.CurrentCulture = comma;
            using var stalled = new TokenIgnoringStream();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.1/api/v1/workloads/count"));
            using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stalled), RequestMessage = request };

            var failure = await WithinAsync(Hang, () =>
                ApiResponseReader.ReadAsync(response, request, RunAiJsonContext.Default.CountResponse, new ReadLimits(1024, TimeSpan.FromSeconds(1.5)), CancellationToken.None));

            Assert.Contains("within 1.5 s", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    /// <summary>Runs a call that must fail with a RunAiApiException, and fails the test instead of hanging with it.</summary>
    private static async Task<RunAiApiException> WithinAsync<T>(TimeSpan limit, Func<Task<T>> call)
    {
        var running = call();
        Assert.True(running == await Task.WhenAny(running, Task.Delay(limit)), $"the call was still waiting after {limit.TotalSeconds} s"); // a generous bound: the body timeout is the real socket's
        return await Assert.ThrowsAsync<RunAiApiException>(() => running);
    }

    /// <summary>
    /// A response stream that behaves like .NET Framework's: it looks at the CancellationToken only before a read
    /// starts (Stream's own ReadAsync over a blocking Read), and a pending read ends only when the stream is closed.
    /// </summary>
    private sealed class TokenIgnoringStream : Stream
    {
        public ManualResetEventSlim Closed { get; } = new();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Closed.Wait();
            throw new IOException("The connection was closed while the body was read.");
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Closed.Set();
            base.Dispose(disposing);
        }
    }
}
