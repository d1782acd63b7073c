using System;
using System.IO;
using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// A test that runs a program under Mono. Where Mono is not installed, or is installed without the framework
/// assemblies the module needs (Debian splits System.Net.Http into its own package), it is skipped with the reason,
/// so a machine without them (or a CI whose install failed, which .ci/run reports) does not fail for a reason outside
/// the code.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MonoFactAttribute : FactAttribute
{
    private const string Install = "(Debian: apt-get install mono-runtime libmono-system-net-http4.0-cil; .ci/run installs them)";

    /// <summary>The framework assemblies of Mono's 4.5 profile that the module's netstandard2.0 build loads.</summary>
    private static readonly string[] RequiredFrameworkAssemblies = { "System.Net.Http.dll" };

    public MonoFactAttribute()
    {
        if (MonoPath is null)
        {
            Skip = "Mono is not installed, so the module was not run on a .NET Framework-profile runtime " + Install + ".";
            return;
        }

        var missing = RequiredFrameworkAssemblies.Where(name => !File.Exists(Path.Combine(FrameworkDirectory(MonoPath), name))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Mono ({MonoPath}) lacks {string.Join(", ", missing)} in {FrameworkDirectory(MonoPath)}, so the module " +
                "could not run on a .NET Framework-profile runtime " + Install + ".";
        }
    }

    /// <summary>The mono executable on PATH, or null.</summary>
    public static string? MonoPath { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "mono"))
        .FirstOrDefault(File.Exists);

    /// <summary>Mono's 4.5 profile: &lt;prefix&gt;/lib/mono/4.5 beside &lt;prefix&gt;/bin/mono (symbolic links followed).</summary>
    private static string FrameworkDirectory(string monoPath)
    {
        var executable = new FileInfo(monoPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? monoPath;
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(executable)) ?? "/usr";
        return Path.Combine(prefix, "lib", "mono", "4.5");
    }
}
