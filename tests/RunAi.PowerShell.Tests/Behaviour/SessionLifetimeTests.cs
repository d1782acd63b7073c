using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Leak checks count the process's open file descriptors and managed memory, so they run alone: another class's
/// sockets or allocations at the same moment would read as a leak.
/// </summary>
[CollectionDefinition("alone", DisableParallelization = true)]
public sealed class AloneCollection
{
}

/// <summary>What a session owns is released when it ends, and not while a command still uses it.</summary>
[Collection("alone")]
public sealed class SessionLifetimeTests : EngineTests<SimulatorFixture>
{
    private const int WarmUpCycles = 100;
    private const int MeasuredCycles = 300;

    // Fixed allowances, not per cycle: sockets the server has not closed yet, and the simulator's own record of issued
    // tokens (about a hundred bytes each). A leak of one socket or 55 KB a cycle is far past both.
    private const int FileDescriptorTolerance = 25;
    private const long MemoryTolerance = 3 * 1024 * 1024;

    private readonly ITestOutputHelper _output;

    public SessionLifetimeTests(SimulatorFixture sim, ITestOutputHelper output)
        : base(sim)
    {
        _output = output;
    }

    [Theory]
    [InlineData("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret; $null = Get-RunAiWorkload -First 10; Disconnect-RunAi")]
    [InlineData("Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret; $null = Get-RunAiWorkload -First 10")]
    public void Hundreds_of_connect_list_disconnect_cycles_leave_file_descriptors_and_memory_flat(string cycle)
    {
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["uri"] = Sim.BaseUri, ["id"] = Sim.Simulator.Options.ClientId, ["secret"] = Sim.Simulator.Options.ClientSecret };
        Cycles(ps, cycle, WarmUpCycles, variables);
        var before = Measure();

        Cycles(ps, cycle, MeasuredCycles, variables);
        var after = Measure();

        _output.WriteLine($"{cycle}\n  after {WarmUpCycles} cycles: {before}\n  after {WarmUpCycles + MeasuredCycles} cycles: {after}");
        if (before.FileDescriptors is int first && after.FileDescriptors is int last)
        {
            Assert.True(last - first <= FileDescriptorTolerance, $"{last - first} more open file descriptors after {MeasuredCycles} cycles ({first} → {last})");
        }

        Assert.True(after.ManagedBytes - before.ManagedBytes <= MemoryTolerance, $"{(after.ManagedBytes - before.ManagedBytes) / 1024} KB more managed memory after {MeasuredCycles} cycles");
    }

    [Fact]
    public void A_session_disconnected_while_another_runspace_lists_with_it_serves_that_listing_to_the_end_then_refuses_new_work()
    {
        using var owner = new PowerShellSession();
        var session = owner.Run("Connect-RunAi -BaseUri $uri -Token $token -PassThru", new() { ["uri"] = Sim.BaseUri, ["token"] = Sim.Token }).Output.Single();
        using var user = new PowerShellSession();
        user.Runspace.SessionStateProxy.SetVariable("s", session);
        Sim.Simulator.Options.Latency = TimeSpan.FromMilliseconds(50);

        using var listing = user.CreateShell("Get-RunAiWorkload -Session $s -PageSize 20 -First 400 | ForEach-Object Id");
        var running = listing.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int Pages() => Sim.ApiRequests("/api/v1/workloads").Count(r => r.Path == "/api/v1/workloads" && r.StatusCode == 200);
        while (Pages() < 2 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10); // polls, bounded by the loop's deadline
        }

        var disconnect = owner.Run("Disconnect-RunAi -Session $s; $s.IsConnected", new() { ["s"] = session });
        var pagesAtDisconnect = Pages();
        var ids = listing.EndInvoke(running);
        Sim.Simulator.Options.Latency = TimeSpan.Zero;

        Assert.False((bool)disconnect.Output.Single().BaseObject);
        Assert.True(pagesAtDisconnect < 20 && Pages() == 20, $"the listing was not running across the disconnect ({pagesAtDisconnect} of 20 pages before it)");
        Assert.False(listing.HadErrors, string.Join("\n", listing.Streams.Error));
        Assert.Equal(400, ids.Select(i => i.BaseObject).Distinct().Count());

        var after = user.RunCatching("Get-RunAiWorkload -Session $s -First 1");
        var error = Assert.IsType<ErrorRecord>(after.Terminating);
        Assert.StartsWith("SessionDisconnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains(Sim.BaseUri.ToString(), error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_taken_with_PassThru_keeps_working_after_another_Connect_until_it_is_disconnected()
    {
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["uri"] = Sim.BaseUri, ["token"] = Sim.Token };

        var result = ps.Run(
            """
            $first = Connect-RunAi -BaseUri $uri -Token $token -PassThru
            Connect-RunAi -BaseUri $uri -Token $token
            (Get-RunAiWorkload -Session $first -First 1).Id
            $first.IsConnected
            Disconnect-RunAi -Session $first
            $first.IsConnected
            """,
            variables);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.IsType<Guid>(result.Output[0].BaseObject);
        Assert.Equal(new object[] { true, false }, result.Output.Skip(1).Select(o => o.BaseObject));
        Assert.Single(ps.Run("Get-RunAiWorkload -First 1").Output);
    }

    [Fact]
    public void A_session_replaced_by_Connect_is_ended_and_refused_clearly_if_still_used()
    {
        using var ps = new PowerShellSession();
        var variables = new Dictionary<string, object?> { ["uri"] = Sim.BaseUri, ["token"] = Sim.Token };

        var result = ps.RunCatching(
            """
            Connect-RunAi -BaseUri $uri -Token $token
            $old = Get-RunAiContext
            Connect-RunAi -BaseUri $uri -Token $token
            $old.IsConnected
            Get-RunAiWorkload -Session $old -First 1
            """,
            variables);

        Assert.False((bool)Assert.Single(result.Output).BaseObject);
        Assert.StartsWith("SessionDisconnected,", result.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    private void Cycles(PowerShellSession ps, string cycle, int count, Dictionary<string, object?> variables)
    {
        var result = ps.Run($"for ($i = 0; $i -lt {count}; $i++) {{ {cycle} }}", variables);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Take(3)));
        Sim.Simulator.ClearRequests();
    }

    private static Snapshot Measure()
    {
        // Let the server close the sockets the client just closed, then settle the heap.
        Thread.Sleep(500);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var fds = Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : (int?)null;
        return new Snapshot(fds, GC.GetTotalMemory(true));
    }

    private sealed record Snapshot(int? FileDescriptors, long ManagedBytes)
    {
        public override string ToString() => $"{(FileDescriptors is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "n/a")} open file descriptors, {ManagedBytes / 1024} KB managed memory";
    }
}
