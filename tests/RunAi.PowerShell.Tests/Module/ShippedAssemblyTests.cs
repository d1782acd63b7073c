using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// The dlls of module/, read as metadata (nothing is loaded): the loader beside RunAi.psm1, the net8.0 build PowerShell 7
/// loads (bin/Core) and the netstandard2.0 build Windows PowerShell 5.1 loads (bin/Desktop), each with its third-party
/// dlls in its dependencies folder.
/// </summary>
public sealed class ShippedAssemblyTests
{
    private static readonly string ModuleDirectory = Path.Combine(PowerShellSession.RepositoryRoot, "module");

    /// <summary>The folder of the shared framework this test runs on: what .NET itself carries.</summary>
    private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>
    /// powershell.exe has no binding redirects for a module's dlls: a reference that asks for a higher version than
    /// the file shipped fails to load on Windows PowerShell 5.1 (and the resolver refuses it on purpose); on PowerShell 7
    /// the private load context refuses a file older than the reference asks for.
    /// </summary>
    [Theory]
    [InlineData("Desktop", "System.Text.Json")]
    [InlineData("Core", "Polly.Core")]
    public void No_shipped_dll_asks_for_a_newer_version_of_a_shipped_dll_than_the_one_shipped(string build, string aDependency)
    {
        var shipped = ShippedFiles(build).Select(Identity).ToDictionary(name => name.Name!, name => name.Version!, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(aDependency, shipped.Keys);
        Assert.Contains("RunAi.Client", shipped.Keys);

        var tooNew = new List<string>();
        var checkedReferences = 0;
        foreach (var file in ShippedFiles(build))
        {
            foreach (var reference in References(file))
            {
                if (reference.Name is null || !shipped.TryGetValue(reference.Name, out var version))
                {
                    continue; // the runtime's own (netstandard, mscorlib, System.Runtime, …)
                }

                checkedReferences++;
                if (reference.Version > version)
                {
                    tooNew.Add($"{Path.GetFileName(file)} asks for {reference.Name} {reference.Version}, shipped {version}");
                }
            }
        }

        Assert.True(checkedReferences > 20, $"only {checkedReferences} references between shipped dlls were found");
        Assert.True(tooNew.Count == 0, string.Join(Environment.NewLine, tooNew));
    }

    /// <summary>
    /// On PowerShell 7 the runtime's own precompiled System.Text.Json, System.Memory, … serve the module; a copy in
    /// bin/Core would load into the private context instead and be JIT-compiled on every run.
    /// </summary>
    [Fact]
    public void The_PowerShell_7_build_ships_nothing_the_runtime_carries()
    {
        var core = ShippedFiles("Core").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        Assert.Contains("RunAi.Client", core);
        Assert.Contains("Microsoft.Extensions.Http", core);

        Assert.DoesNotContain(core, name => File.Exists(Path.Combine(RuntimeDirectory, name + ".dll")));
        // The Windows PowerShell build still brings them: .NET Framework has none of them.
        var desktop = ShippedFiles("Desktop").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        Assert.Contains("System.Text.Json", desktop);
        Assert.Contains("System.Memory", desktop);
    }

    /// <summary>
    /// PowerShell 7.4 runs on .NET 8, whose assemblies are version 8.0.0.0: a dll of bin/Core built against a newer
    /// System.Diagnostics.DiagnosticSource or System.Text.Json (as Microsoft.Extensions.* 10 is) would fail to load there.
    /// </summary>
    [Fact]
    public void The_PowerShell_7_build_asks_the_runtime_for_nothing_newer_than_dotnet_8()
    {
        var dotnet8 = new Version(8, 0, 0, 0);
        var tooNew = new List<string>();
        var checkedReferences = 0;
        foreach (var file in ShippedFiles("Core"))
        {
            foreach (var reference in References(file).Where(r => File.Exists(Path.Combine(RuntimeDirectory, r.Name + ".dll"))))
            {
                checkedReferences++;
                if (reference.Version > dotnet8)
                {
                    tooNew.Add($"{Path.GetFileName(file)} asks for {reference.Name} {reference.Version}");
                }
            }
        }

        Assert.True(checkedReferences > 50, $"only {checkedReferences} references to the runtime were found");
        Assert.True(tooNew.Count == 0, string.Join(Environment.NewLine, tooNew));
    }

    [Fact]
    public void The_modules_own_dlls_carry_the_module_version()
    {
        var manifest = File.ReadAllText(PowerShellSession.ManifestPath);
        var moduleVersion = Version.Parse(Regex.Match(manifest, @"ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value);
        var expected = new Version(moduleVersion.Major, moduleVersion.Minor, Math.Max(moduleVersion.Build, 0), Math.Max(moduleVersion.Revision, 0));

        var ours = Directory.GetFiles(ModuleDirectory, "RunAi.*.dll", SearchOption.AllDirectories);
        Assert.Equal(
            new[] { "RunAi.PowerShell.Loader.dll", Path.Combine("bin", "Core", "RunAi.Client.dll"), Path.Combine("bin", "Core", "RunAi.PowerShell.dll"), Path.Combine("bin", "Desktop", "RunAi.Client.dll"), Path.Combine("bin", "Desktop", "RunAi.PowerShell.dll") },
            ours.Select(f => Path.GetRelativePath(ModuleDirectory, f)).OrderBy(f => f, StringComparer.Ordinal));
        Assert.All(ours, file => Assert.Equal(expected, Identity(file).Version));
    }

    /// <summary>What one edition loads: the loader, its build's dlls and their dependencies.</summary>
    private static IEnumerable<string> ShippedFiles(string build)
    {
        var folder = Path.Combine(ModuleDirectory, "bin", build);
        return Directory.GetFiles(ModuleDirectory, "*.dll")
            .Concat(Directory.GetFiles(folder, "*.dll"))
            .Concat(Directory.GetFiles(Path.Combine(folder, "dependencies"), "*.dll"));
    }

    private static AssemblyName Identity(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var metadata = pe.GetMetadataReader();
        return metadata.GetAssemblyDefinition().GetAssemblyName();
    }

    private static List<AssemblyName> References(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle).GetAssemblyName()).ToList();
    }
}
