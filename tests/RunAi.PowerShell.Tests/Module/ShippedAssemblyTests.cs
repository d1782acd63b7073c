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

/// <summary>The dlls in module/ and module/dependencies, read as metadata (nothing is loaded).</summary>
public sealed class ShippedAssemblyTests
{
    private static readonly string ModuleDirectory = Path.Combine(PowerShellSession.RepositoryRoot, "module");

    /// <summary>
    /// powershell.exe has no binding redirects for a module's dlls: a reference that asks for a higher version than
    /// the file shipped fails to load on Windows PowerShell 5.1 (and the resolver refuses it on purpose).
    /// </summary>
    [Fact]
    public void No_shipped_dll_asks_for_a_newer_version_of_a_shipped_dll_than_the_one_shipped()
    {
        var shipped = ShippedFiles().Select(Identity).ToDictionary(name => name.Name!, name => name.Version!, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("System.Text.Json", shipped.Keys);
        Assert.Contains("RunAi.Client", shipped.Keys);

        var tooNew = new List<string>();
        var checkedReferences = 0;
        foreach (var file in ShippedFiles())
        {
            foreach (var reference in References(file))
            {
                if (reference.Name is null || !shipped.TryGetValue(reference.Name, out var version))
                {
                    continue; // the runtime's own (netstandard, mscorlib, …)
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

    [Fact]
    public void The_modules_own_dlls_carry_the_module_version()
    {
        var manifest = File.ReadAllText(PowerShellSession.ManifestPath);
        var moduleVersion = Version.Parse(Regex.Match(manifest, @"ModuleVersion\s*=\s*'([0-9.]+)'").Groups[1].Value);
        var expected = new Version(moduleVersion.Major, moduleVersion.Minor, Math.Max(moduleVersion.Build, 0), Math.Max(moduleVersion.Revision, 0));

        var ours = Directory.GetFiles(ModuleDirectory, "RunAi.*.dll");
        Assert.Equal(3, ours.Length);
        Assert.All(ours, file => Assert.Equal(expected, Identity(file).Version));
    }

    private static IEnumerable<string> ShippedFiles() =>
        Directory.GetFiles(ModuleDirectory, "*.dll").Concat(Directory.GetFiles(Path.Combine(ModuleDirectory, "dependencies"), "*.dll"));

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
