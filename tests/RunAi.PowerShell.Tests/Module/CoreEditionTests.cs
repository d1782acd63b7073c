using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// What RunAi.psm1 loads on PowerShell 7 (the Core edition, as in the engine these tests host): the net8.0 build from
/// module/bin/Core in a private load context, with System.Text.Json and everything else .NET carries taken from the
/// runtime (precompiled), never from module/. The engine runs in this test process, so what it loaded is read here.
/// </summary>
[Collection("engine")]
public sealed class CoreEditionTests : EngineTests<SmallSimulatorFixture>
{
    /// <summary>Dlls a netstandard2.0 build brings and .NET carries itself (the Windows PowerShell build ships them).</summary>
    private static readonly string[] RuntimeCarried =
    {
        "System.Text.Json", "System.Memory", "System.Text.Encodings.Web", "Microsoft.Bcl.AsyncInterfaces", "System.Threading.Channels",
        "System.IO.Pipelines", "System.Buffers", "System.Diagnostics.DiagnosticSource", "System.Runtime.CompilerServices.Unsafe",
        "System.Threading.Tasks.Extensions", "System.ComponentModel.Annotations", "System.Numerics.Vectors", "Microsoft.Bcl.TimeProvider",
    };

    private static readonly string ModuleDirectory = Path.Combine(PowerShellSession.RepositoryRoot, "module") + Path.DirectorySeparatorChar;
    private static readonly string CoreBuild = Path.Combine(ModuleDirectory, "bin", "Core") + Path.DirectorySeparatorChar;
    private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)! + Path.DirectorySeparatorChar;


    public CoreEditionTests(SmallSimulatorFixture sim)
        : base(sim)
    {
    }

    [Fact]
    public void On_PowerShell_7_nothing_the_runtime_carries_is_loaded_from_the_module()
    {
        // Through every part that needs JSON, HTTP, retries and the fan-out's channels: client credentials (the token
        // endpoint), a listing, events of several workloads at once, a 404's error body, and an arbitrary call.
        using var ps = new PowerShellSession();
        var run = ps.Run(
            """
            Connect-RunAi -BaseUri $uri -ClientId $id -ClientSecret $secret
            $null = Get-RunAiWorkload -First 4 | Get-RunAiWorkloadEvent -ThrottleLimit 2
            Get-RunAiWorkload -Id ([guid]::NewGuid())
            Invoke-RunAiRestMethod -Path /api/v1/workloads/count
            """,
            new() { ["uri"] = Sim.BaseUri, ["id"] = Sim.Simulator.Options.ClientId, ["secret"] = Sim.Simulator.Options.ClientSecret });
        Assert.Single(run.Errors); // the 404, and nothing else
        Assert.Equal("NotFound", run.Errors[0].FullyQualifiedErrorId.Split(',')[0]);

        var fromModule = LoadedFrom(ModuleDirectory);
        Assert.Contains("Polly.Core", fromModule); // the module ran, and its private dlls came from the module
        Assert.Contains("Microsoft.Extensions.Http", fromModule);
        Assert.DoesNotContain(fromModule, name => File.Exists(Path.Combine(RuntimeDirectory, name + ".dll")));
        Assert.Empty(fromModule.Intersect(RuntimeCarried));

        // The JSON library the module reads answers with is the runtime's: its only copy in the process.
        var json = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "System.Text.Json").ToList();
        Assert.All(json, a => Assert.StartsWith(RuntimeDirectory, a.Location, StringComparison.Ordinal));
        Assert.All(json, a => Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(a)));
    }

    [Fact]
    public void On_PowerShell_7_the_cmdlets_run_from_the_net8_build_in_a_private_context()
    {
        using var ps = new PowerShellSession();
        var cmdlets = (Assembly)ps.Run("(Get-Command Get-RunAiWorkload).ImplementingType.Assembly").Output.Single().BaseObject;
        var client = cmdlets.GetReferencedAssemblies().Single(a => a.Name == "RunAi.Client");
        var context = AssemblyLoadContext.GetLoadContext(cmdlets)!;
        var clientAssembly = context.LoadFromAssemblyName(client);

        Assert.NotSame(AssemblyLoadContext.Default, context);
        foreach (var assembly in new[] { cmdlets, clientAssembly })
        {
            Assert.Equal(CoreBuild + assembly.GetName().Name + ".dll", assembly.Location);
            Assert.Equal(".NETCoreApp,Version=v8.0", assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()?.FrameworkName);
        }

        // The Windows PowerShell build is never touched on PowerShell 7.
        Assert.Empty(LoadedFrom(Path.Combine(ModuleDirectory, "bin", "Desktop") + Path.DirectorySeparatorChar));
    }

    /// <summary>The names of the assemblies this process loaded from under <paramref name="folder"/>.</summary>
    private static string[] LoadedFrom(string folder) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.StartsWith(folder, StringComparison.Ordinal))
            .Select(a => a.GetName().Name!)
            .Distinct()
            .ToArray();
}
