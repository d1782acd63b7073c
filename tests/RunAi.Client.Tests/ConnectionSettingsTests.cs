using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Authentication;
using RunAi.Client.Http;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.Client.Tests;

/// <summary>
/// Handler settings that .NET Framework gets wrong by default: 2 connections per server (prefetch, token renewal
/// and fan-out would queue behind each other) and "Expect: 100-continue" on every POST.
/// </summary>
public sealed class ConnectionSettingsTests
{
    [Fact]
    public void The_handler_allows_a_connection_for_every_lane_of_the_widest_fan_out_and_the_token_renewal()
    {
        using var handler = HttpPipelineFactory.CreatePrimaryHandler(Options(new Uri("https://runai.example.com/")));

        Assert.Equal(RunAiClientOptions.MaxFanOut + 1, handler.MaxConnectionsPerServer);
    }

    [Fact]
    public void Requests_never_ask_for_100_continue()
    {
        var options = Options(new Uri("https://runai.example.com/"));
        using var factory = new HttpPipelineFactory(options, new ReadLimits(options.MaxResponseBytes, options.AttemptTimeout));

        Assert.False(factory.Api().DefaultRequestHeaders.ExpectContinue);
        Assert.False(factory.Token().DefaultRequestHeaders.ExpectContinue);
    }

    [Fact]
    public async Task Calls_in_parallel_open_at_most_the_allowed_connections_to_one_server()
    {
        var allowed = HttpPipelineFactory.ConnectionsPerServer;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedTcpServer(async (stream, stop) =>
        {
            await ScriptedTcpServer.ReadHeadAsync(stream, stop);
            await release.Task.WaitAsync(stop);
            await ScriptedTcpServer.WriteJsonAsync(stream, "{\"count\":1}", stop);
        });
        using var client = new RunAiClient(Options(server.BaseUri));

        var calls = Enumerable.Range(0, allowed + 5).Select(_ => client.CountWorkloadsAsync()).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (server.Accepted < allowed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // polls, bounded by the loop's deadline
        }

        // Time for connections past the limit to show up, if the handler would open them.
        await Task.Delay(500);
        var open = server.MostOpen;
        release.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(allowed, open);
    }

    private static RunAiClientOptions Options(Uri baseUri) => new(baseUri, new RunAiTokenCredential("t"))
    {
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };
}
