using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Authentication;
using RunAi.Client.Paging;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// Faults after the headers arrived: a raw-socket server serves the real pages of a workload list and breaks the
/// body of chosen answers (reset, short Content-Length, cut chunk, close without length, corrupt gzip). With retries
/// left the listing is whole, in order and without duplicates; without, it ends in the module's own failure kind,
/// after every item before the failing page.
/// </summary>
public sealed partial class BodyFaultTests
{
    private const int Total = 55;
    private const int PageSize = 10;

    public enum Fault
    {
        None,
        ResetMidBody,
        LongerContentLength,
        CutChunkedBody,
        CloseWithoutLengthMidJson,
        CorruptGzip,
        ShortJsonWithItsOwnLength,
    }

    public static TheoryData<Fault, RunAiFailureKind> Faults => new()
    {
        { Fault.ResetMidBody, RunAiFailureKind.Transport },
        { Fault.LongerContentLength, RunAiFailureKind.Transport },
        { Fault.CutChunkedBody, RunAiFailureKind.Transport },
        { Fault.CloseWithoutLengthMidJson, RunAiFailureKind.Transport },
        { Fault.CorruptGzip, RunAiFailureKind.Transport },
        // Every byte the Content-Length announced arrived, the JSON in it stops early: the server's answer is not the
        // documented JSON (retried all the same, as a cut-off often does not happen twice).
        { Fault.ShortJsonWithItsOwnLength, RunAiFailureKind.InvalidResponse },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task With_retries_left_a_listing_is_whole_in_order_and_without_duplicates(Fault fault, RunAiFailureKind kind)
    {
        _ = kind;
        // The first attempt at the pages at offsets 10 and 30 breaks; the retry of each gets the page.
        await using var server = new PageServer(fault, faultyOffsets: [10, 30], faultsPerOffset: 1);
        using var client = Client(server, maxRetries: 5);

        var ids = await ListAsync(client);

        Assert.Equal(Expected(Total), ids);
        Assert.Equal(2, server.Requests(10));
        Assert.Equal(2, server.Requests(30));
        Assert.Equal(1, server.Requests(0));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task With_no_retries_left_a_listing_ends_in_the_modules_failure_after_every_item_before_the_failing_page(Fault fault, RunAiFailureKind kind)
    {
        await using var server = new PageServer(fault, faultyOffsets: [20], faultsPerOffset: int.MaxValue);
        using var client = Client(server, maxRetries: 0);
        var received = new List<Guid>();

        var failure = await Assert.ThrowsAsync<RunAiApiException>(async () =>
        {
            await foreach (var workload in client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = PageSize }))
            {
                received.Add(workload.Id);
            }
        });

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(200, failure.StatusCode);
        Assert.StartsWith("GET /api/v1/workloads", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Expected(20), received);
        Assert.Equal(1, server.Requests(20));
    }

    [Fact]
    public async Task A_body_fault_on_every_attempt_uses_the_whole_retry_budget_and_says_so()
    {
        await using var server = new PageServer(Fault.ResetMidBody, faultyOffsets: [0], faultsPerOffset: int.MaxValue);
        using var client = Client(server, maxRetries: 2);

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ListAsync(client));

        Assert.Equal(RunAiFailureKind.Transport, failure.Kind);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal(3, server.Requests(0));
        Assert.Contains("after 3 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the connection broke while the body was read", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_POST_whose_answer_breaks_off_is_not_sent_again()
    {
        // The 200 says the server acted on it: sending a POST again could act twice. GETs are retried (above).
        await using var server = new PageServer(Fault.ResetMidBody, faultyOffsets: [0], faultsPerOffset: int.MaxValue);
        using var client = Client(server, maxRetries: 2);

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => client.SendRawAsync("POST", "/api/v1/workloads", null, "{}"));

        Assert.Equal(RunAiFailureKind.Transport, failure.Kind);
        Assert.Equal(1, server.Requests(0));
        Assert.Equal(1, failure.Attempts);
        Assert.Contains("not sent again", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_gzip_body_never_surfaces_as_a_dotnet_exception()
    {
        await using var server = new PageServer(Fault.CorruptGzip, faultyOffsets: [0], faultsPerOffset: int.MaxValue);
        using var client = Client(server, maxRetries: 0);

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ListAsync(client));

        Assert.Equal(RunAiFailureKind.Transport, failure.Kind);
        Assert.Contains("could not be decoded", failure.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(failure.InnerException?.InnerException);
    }

    [Fact]
    public async Task A_complete_html_page_with_200_is_an_invalid_response_at_once_without_retries()
    {
        await using var server = new PageServer(Fault.None, faultyOffsets: [], faultsPerOffset: 0)
        {
            Html = "<html><body><h1>Sign in to the proxy</h1></body></html>",
        };
        using var client = Client(server, maxRetries: 5);

        var failure = await Assert.ThrowsAsync<RunAiApiException>(() => ListAsync(client));

        Assert.Equal(RunAiFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(1, server.Requests(0));
    }

    [Fact]
    public async Task A_healthy_server_serves_the_whole_listing_in_one_request_per_page()
    {
        await using var server = new PageServer(Fault.None, faultyOffsets: [], faultsPerOffset: 0);
        using var client = Client(server, maxRetries: 5);

        Assert.Equal(Expected(Total), await ListAsync(client));
        Assert.All(Enumerable.Range(0, 6), page => Assert.Equal(1, server.Requests(page * PageSize)));
    }

    private static RunAiClient Client(PageServer server, int maxRetries) =>
        new(new RunAiClientOptions(server.BaseUri, new RunAiTokenCredential("t"))
        {
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        });

    private static async Task<List<Guid>> ListAsync(RunAiClient client)
    {
        var ids = new List<Guid>();
        await foreach (var workload in client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = PageSize }))
        {
            ids.Add(workload.Id);
        }

        return ids;
    }

    private static List<Guid> Expected(int count) => Enumerable.Range(0, count).Select(IdOf).ToList();

    private static Guid IdOf(int index) => Guid.Parse("00000000-0000-4000-8000-" + index.ToString("D12", CultureInfo.InvariantCulture));

    /// <summary>
    /// Serves <c>GET /api/v1/workloads?offset=&amp;limit=</c> from a list of <see cref="Total"/> workloads, one request
    /// per connection, and breaks the answer to the first <c>faultsPerOffset</c> requests for each faulty offset.
    /// </summary>
    private sealed partial class PageServer : IAsyncDisposable
    {
        private readonly ScriptedTcpServer _server;
        private readonly Fault _fault;
        private readonly HashSet<long> _faultyOffsets;
        private readonly int _faultsPerOffset;
        private readonly ConcurrentDictionary<long, int> _requests = new();

        public PageServer(Fault fault, long[] faultyOffsets, int faultsPerOffset)
        {
            _fault = fault;
            _faultyOffsets = [.. faultyOffsets];
            _faultsPerOffset = faultsPerOffset;
            _server = new ScriptedTcpServer(ServeAsync);
        }

        public Uri BaseUri => _server.BaseUri;

        /// <summary>When set, every answer is this page (text/html, 200, complete).</summary>
        public string? Html { get; init; }

        public int Requests(long offset) => _requests.TryGetValue(offset, out var n) ? n : 0;

        public ValueTask DisposeAsync() => _server.DisposeAsync();

        [GeneratedRegex(@"[?&]offset=(\d+)")]
        private static partial Regex OffsetParameter();

        [GeneratedRegex(@"[?&]limit=(\d+)")]
        private static partial Regex LimitParameter();

        private static string PageJson(long offset, int limit)
        {
            var end = (int)Math.Min(Total, offset + limit);
            var items = Enumerable.Range((int)offset, Math.Max(0, end - (int)offset)).Select(i =>
                $"{{\"id\":\"{IdOf(i)}\",\"name\":\"workload-{i}\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"{Guid.Empty}\"}}");
            var next = end < Total ? $",\"next\":{end}" : string.Empty;
            return "{\"workloads\":[" + string.Join(",", items) + "]" + next + "}";
        }

        private async Task ServeAsync(NetworkStream stream, CancellationToken stop)
        {
            var head = await ScriptedTcpServer.ReadHeadAsync(stream, stop);
            var offsetMatch = OffsetParameter().Match(head);
            var limitMatch = LimitParameter().Match(head);
            var offset = offsetMatch.Success ? long.Parse(offsetMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var limit = limitMatch.Success ? int.Parse(limitMatch.Groups[1].Value, CultureInfo.InvariantCulture) : PageSize;
            var nth = _requests.AddOrUpdate(offset, 1, (_, n) => n + 1);
            if (Html != null)
            {
                await WriteAsync(stream, "200 OK", "Content-Type: text/html\r\n", Encoding.UTF8.GetBytes(Html), stop);
                return;
            }

            var json = Encoding.UTF8.GetBytes(PageJson(offset, limit));
            var fault = _faultyOffsets.Contains(offset) && nth <= _faultsPerOffset ? _fault : Fault.None;
            var half = json.Length / 2;
            switch (fault)
            {
                case Fault.None:
                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n" + $"Content-Length: {json.Length}\r\n", json, stop);
                    break;
                case Fault.ResetMidBody:
                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n" + $"Content-Length: {json.Length}\r\n", json[..half], stop);
                    await Task.Delay(50, stop); // the headers and half the body are on their way before the reset
                    stream.Socket.LingerState = new LingerOption(true, 0);
                    stream.Socket.Close(); // a linger of 0 s: RST, not FIN
                    break;
                case Fault.LongerContentLength:
                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n" + $"Content-Length: {json.Length + 100}\r\n", json, stop);
                    stream.Socket.Shutdown(SocketShutdown.Both);
                    break;
                case Fault.CutChunkedBody:
                    var chunk = Encoding.ASCII.GetBytes(half.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", [.. chunk, .. json[..half], .. "\r\n"u8, .. "40\r\n"u8, .. json[half..(half + 10)]], stop);
                    stream.Socket.Shutdown(SocketShutdown.Both);
                    break;
                case Fault.CloseWithoutLengthMidJson:
                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n", json[..half], stop);
                    stream.Socket.Shutdown(SocketShutdown.Both);
                    break;
                case Fault.CorruptGzip:
                    var gzip = Gzip(json);
                    // Garbage in the middle of the deflate data: a decoder fails on it (bad block, or the CRC at the end).
                    for (var i = gzip.Length / 3; i < 2 * gzip.Length / 3; i++)
                    {
                        gzip[i] = 0xFF;
                    }

                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\nContent-Encoding: gzip\r\n" + $"Content-Length: {gzip.Length}\r\n", gzip, stop);
                    break;
                case Fault.ShortJsonWithItsOwnLength:
                    await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n" + $"Content-Length: {half}\r\n", json[..half], stop);
                    break;
                default:
                    throw new InvalidOperationException($"No script for {fault}.");
            }
        }

        private static byte[] Gzip(byte[] bytes)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            return buffer.ToArray();
        }

        private static async Task WriteAsync(NetworkStream stream, string status, string headers, byte[] body, CancellationToken stop)
        {
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}Connection: close\r\n\r\n");
            await stream.WriteAsync((byte[])[.. head, .. body], stop);
            await stream.FlushAsync(stop);
        }
    }
}

/// <summary>The simulator's <c>--truncate-every</c> knob: a listing longer than four pages used to end at the fifth request.</summary>
public sealed class TruncatingSimulatorTests : IClassFixture<ClientFixture>
{
    private readonly ClientFixture _f;

    public TruncatingSimulatorTests(ClientFixture fixture)
    {
        _f = fixture;
        _f.Reset();
    }

    [Fact]
    public async Task A_listing_of_many_pages_finishes_when_every_fifth_answer_is_cut_in_half()
    {
        using var client = _f.TokenClient();
        var whole = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100 }));
        _f.Reset();
        _f.Simulator.Options.TruncateBodyEvery = 5;

        var cut = await ClientFixture.ToListAsync(client.ListWorkloadsAsync(paging: new PagingOptions { PageSize = 100 }));

        Assert.True(whole.Count > 4 * 100, $"only {whole.Count} workloads");
        Assert.Equal(whole.Select(w => w.Id), cut.Select(w => w.Id));
        // Some pages were cut and asked for again.
        var offsets = _f.Requests("/api/v1/workloads").Select(r => r.Offset()).ToList();
        Assert.NotEqual(offsets.Count, offsets.Distinct().Count());
    }
}
