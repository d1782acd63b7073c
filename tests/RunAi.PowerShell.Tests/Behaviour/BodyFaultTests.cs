using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>A fault while a body is read, as a user meets it: the module's own ErrorId, never a .NET exception.</summary>
[Collection("engine")]
public sealed class BodyFaultTests
{
    [Fact]
    public async Task A_corrupt_gzip_page_with_no_retries_left_ends_the_listing_with_ConnectionFailed_after_the_pages_before_it()
    {
        // The count (Connect-RunAi's probe) and the page at 0 are fine; the page at 10 is gzip with garbage in the middle.
        var firstPage = "{\"workloads\":[" + string.Join(",", Enumerable.Range(0, 10).Select(i =>
            $"{{\"id\":\"00000000-0000-4000-8000-{i:D12}\",\"name\":\"w{i}\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"clusterId\":\"{Guid.Empty}\"}}")) + "],\"next\":10}";
        await using var server = new ScriptedTcpServer(async (stream, stop) =>
        {
            var head = await ScriptedTcpServer.ReadHeadAsync(stream, stop);
            var target = head.Split(' ')[1];
            if (target.Contains("offset=10", StringComparison.Ordinal))
            {
                var gzip = Gzip(Encoding.UTF8.GetBytes(firstPage.Replace("-8000-0000", "-8000-1000", StringComparison.Ordinal).Replace("\"next\":10", "\"next\":20", StringComparison.Ordinal)));
                for (var i = gzip.Length / 3; i < 2 * gzip.Length / 3; i++)
                {
                    gzip[i] = 0xFF;
                }

                var gzipHead = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {gzip.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync((byte[])[.. gzipHead, .. gzip], stop);
                return;
            }

            await ScriptedTcpServer.WriteJsonAsync(stream, target.Contains("/count", StringComparison.Ordinal) ? "{\"count\":20}" : firstPage, stop);
        });
        using var ps = new PowerShellSession();
        Assert.Empty(ps.Run($"Connect-RunAi -BaseUri '{server.BaseUri}' -Token t -MaxRetryCount 0").Errors);

        var result = ps.RunCatching("Get-RunAiWorkload -PageSize 10 | ForEach-Object Id");

        var error = Assert.IsType<ErrorRecord>(result.Terminating);
        Assert.Equal("ConnectionFailed,RunAi.PowerShell.Commands.GetRunAiWorkloadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.IsNotType<InvalidDataException>(error.Exception);
        Assert.Equal("RunAiApiException", error.Exception.GetType().Name);
        Assert.Contains("could not be decoded", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("10 items had been written before this failure", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => Guid.Parse($"00000000-0000-4000-8000-{i:D12}")), result.Output.Select(o => (Guid)o.BaseObject));
        Assert.Empty(result.Errors);
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
}
