using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using RunAi.Simulator;
using RunAi.Tests.Servers;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// The netstandard2.0 build, loaded the way Windows PowerShell 5.1 loads it (RunAi.psm1's Desktop branch:
/// <c>ModuleLoader.LoadShared</c> and the module's AssemblyResolve handler), run under Mono by
/// tests/RunAi.DesktopDriver against the simulator. Mono is not .NET Framework: its HttpClientHandler is a port of
/// .NET's SocketsHttpHandler, and it has no registry and no SChannel, so TLS defaults, .NET Framework's response
/// stream and the version check in RunAi.psm1 are not shown here. But it is the closest runtime this machine has (one
/// AppDomain, mscorlib, AssemblyResolve, no AssemblyLoadContext) and it catches load and resolution mistakes: a
/// dependency missing from module/bin/Desktop/dependencies, a reference the resolver refuses, another module handed our dll.
/// </summary>
[Collection("engine")]
public sealed class FrameworkProfileTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    [MonoFact]
    public async Task Under_Mono_the_module_loads_through_LoadShared_connects_lists_reads_events_and_fails_clearly()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 120 });
        await using var stalling = ScriptedTcpServer.StallingBody();
        var module = Path.Combine(PowerShellSession.RepositoryRoot, "module");
        var desktop = Path.Combine(module, "bin", "Desktop");

        var run = await RunDriverAsync(module, simulator.BaseUri.ToString(), simulator.Options.ClientId, simulator.Options.ClientSecret, stalling.BaseUri.ToString());
        var report = run.Lines.Where(l => l.Length == 3 && l[0] != "assembly").ToDictionary(l => l[0], l => (Outcome: l[1], Detail: l[2]));
        var why = $"exit {run.ExitCode}{Environment.NewLine}{string.Join(Environment.NewLine, run.Lines.Select(l => string.Join(" | ", l)))}{Environment.NewLine}{run.Errors}";

        Assert.True(run.ExitCode == 0, why);
        Assert.Equal("Mono", report["runtime"].Outcome);
        Assert.Equal("ok", report["load"].Outcome);
        Assert.EndsWith(Path.Combine("module", "bin", "Desktop", "RunAi.PowerShell.dll"), report["load"].Detail, StringComparison.Ordinal);

        // Connect-RunAi's call, with client credentials: the token came from the token endpoint.
        var listed = simulator.Data.WorkloadCount - simulator.Data.DeletedWorkloadCount;
        Assert.Equal(("ok", $"count={listed}"), report["connect"]);
        Assert.Contains(simulator.Requests, r => r.Method == "POST" && r.Path == "/api/v1/token" && r.StatusCode == 200);

        Assert.Equal(("ok", $"items={listed} distinct={listed}"), report["list"]);
        // Pages of 50; the reader may have guessed one page past the end (it reads ahead once the list proves long).
        var offsets = simulator.Requests.Where(r => r.Path == "/api/v1/workloads" && r.StatusCode == 200)
            .Select(r => r.Offset()).ToList();
        Assert.Equal(new long[] { 0, 50, 100 }, offsets.Where(o => o < listed).OrderBy(o => o));
        Assert.InRange(offsets.Count, 3, 4);
        Assert.Equal("ok", report["events"].Outcome);
        Assert.Matches("items=[1-9][0-9]*$", report["events"].Detail);

        Assert.Equal("HttpStatus", report["notfound"].Outcome);
        Assert.StartsWith("status=404 attempts=1 ", report["notfound"].Detail, StringComparison.Ordinal);

        Assert.Equal("Timeout", report["timeout"].Outcome);
        Assert.Contains("sent its headers but not its body within 2 s", report["timeout"].Detail, StringComparison.Ordinal);

        // Another module asking for a System.Text.Json newer than ours is not handed ours.
        Assert.Equal("refused", report["foreign"].Outcome);

        // Every dll of the module came from its netstandard2.0 build, each third-party one from bin/Desktop/dependencies;
        // nothing from the net8.0 build PowerShell 7 loads.
        var loaded = run.Lines.Where(l => l[0] == "assembly").ToDictionary(l => l[1], l => l[3]);
        foreach (var dependency in Directory.GetFiles(Path.Combine(desktop, "dependencies"), "*.dll").Select(Path.GetFileNameWithoutExtension))
        {
            if (loaded.TryGetValue(dependency!, out var location))
            {
                Assert.Equal(Path.Combine(desktop, "dependencies", dependency + ".dll"), location);
            }
        }

        Assert.DoesNotContain(loaded.Values, location => location.StartsWith(Path.Combine(module, "bin", "Core"), StringComparison.Ordinal));

        Assert.All(new[] { "System.Text.Json", "Polly.Core", "Microsoft.Extensions.Http", "Microsoft.Bcl.AsyncInterfaces" }, name => Assert.True(loaded.ContainsKey(name), name + " was never loaded"));
        Assert.Equal(Path.Combine(module, "RunAi.PowerShell.Loader.dll"), loaded["RunAi.PowerShell.Loader"]);
        Assert.All(new[] { "RunAi.PowerShell", "RunAi.Client" }, name => Assert.Equal(Path.Combine(desktop, name + ".dll"), loaded[name]));
    }

    private static async Task<DriverRun> RunDriverAsync(params string[] arguments)
    {
        var configuration = typeof(FrameworkProfileTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var driver = Path.Combine(PowerShellSession.RepositoryRoot, "tests", "RunAi.DesktopDriver", "bin", configuration, "net472", "RunAi.DesktopDriver.exe");
        Assert.True(File.Exists(driver), driver + " was not built");

        var start = new ProcessStartInfo(MonoFactAttribute.MonoPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(driver);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Hang)) != exited) // a guard against a hang, not a measure of speed
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"the program under Mono was still running after {Hang.TotalMinutes} minutes; it printed:{Environment.NewLine}{await output}{await errors}");
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToList();
        return new DriverRun(process.ExitCode, lines, await errors);
    }

    private sealed record DriverRun(int ExitCode, List<string[]> Lines, string Errors);
}
