using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>Two runspaces connected to two servers, used at the same time, never cross.</summary>
[Collection("engine")]
public sealed class IsolationTests
{
    [Fact]
    public async Task Two_runspaces_on_two_servers_in_parallel_each_see_only_their_server_and_send_only_their_token()
    {
        await using var a = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 400, Seed = 1, StaticToken = "token-a-" + Guid.NewGuid().ToString("N") });
        await using var b = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 700, Seed = 2, ClientSecret = "secret-b-" + Guid.NewGuid().ToString("N") });
        a.Options.Latency = TimeSpan.FromMilliseconds(5);
        b.Options.Latency = TimeSpan.FromMilliseconds(5);
        static List<Guid> Listed(SimulatorHost s) => Enumerable.Range(0, s.Data.WorkloadCount).Where(i => !s.Data.IsDeleted(i)).Select(s.Data.GetWorkloadId).ToList();
        var expectedA = Listed(a);
        var expectedB = Listed(b);
        Assert.Empty(expectedA.Intersect(expectedB));

        using var psA = new PowerShellSession();
        using var psB = new PowerShellSession();
        Assert.Empty(psA.Run("Connect-RunAi -BaseUri $uri -Token $token", new() { ["uri"] = a.BaseUri, ["token"] = a.Options.StaticToken }).Errors);
        Assert.Empty(psB.Run("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret", new() { ["uri"] = b.BaseUri, ["id"] = b.Options.ClientId, ["secret"] = b.Options.ClientSecret }).Errors);

        using var start = new Barrier(2);
        List<string> Loop(PowerShellSession ps, List<Guid> expected, Uri server)
        {
            var problems = new List<string>();
            start.SignalAndWait();
            for (var round = 0; round < 6; round++)
            {
                var result = ps.Run("Get-RunAiWorkload -PageSize 50 | ForEach-Object Id; (Get-RunAiContext).BaseUri");
                if (result.Errors.Count > 0)
                {
                    problems.Add(string.Join("; ", result.Errors));
                }

                var ids = result.Output.Take(result.Output.Count - 1).Select(o => (Guid)o.BaseObject).ToList();
                if (!ids.SequenceEqual(expected))
                {
                    problems.Add($"round {round}: {ids.Count} ids, {ids.Except(expected).Count()} foreign");
                }

                if (!Equals(result.Output.Last().BaseObject, server))
                {
                    problems.Add($"round {round}: the current session points at {result.Output.Last()}");
                }
            }

            return problems;
        }

        var runA = Task.Factory.StartNew(() => Loop(psA, expectedA, a.BaseUri), TaskCreationOptions.LongRunning);
        var runB = Task.Factory.StartNew(() => Loop(psB, expectedB, b.BaseUri), TaskCreationOptions.LongRunning);
        var problems = await Task.WhenAll(runA, runB);

        Assert.Empty(problems[0]);
        Assert.Empty(problems[1]);
        var tokensAtA = a.Requests.Select(r => r.Authorization).Distinct().ToList();
        var tokensAtB = b.Requests.Where(r => r.Path != "/api/v1/token").Select(r => r.Authorization).Distinct().ToList();
        Assert.Equal(new[] { "Bearer " + a.Options.StaticToken }, tokensAtA);
        Assert.Single(tokensAtB);
        Assert.StartsWith("Bearer sim_", tokensAtB[0], StringComparison.Ordinal);
        Assert.DoesNotContain(a.Requests, r => r.Path == "/api/v1/token");
        Assert.DoesNotContain(b.Requests, r => r.Authorization == "Bearer " + a.Options.StaticToken);
        Assert.True(a.Requests.Count > 6 * (expectedA.Count / 50) && b.Requests.Count > 6 * (expectedB.Count / 50));
    }
}
