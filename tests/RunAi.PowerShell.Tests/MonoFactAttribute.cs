using System;
using System.IO;
using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// A test that runs a program under Mono. Where Mono is not installed it is skipped with the reason, so a machine
/// without it (or a CI whose install failed, which .ci/run reports) does not fail for a reason outside the code.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MonoFactAttribute : FactAttribute
{
    public MonoFactAttribute()
    {
        if (MonoPath is null)
        {
            Skip = "Mono is not installed, so the module was not run on a .NET Framework-profile runtime " +
                "(Debian: apt-get install mono-runtime libmono-system-net-http4.0-cil; .ci/run installs them).";
        }
    }

    /// <summary>The mono executable on PATH, or null.</summary>
    public static string? MonoPath { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "mono"))
        .FirstOrDefault(File.Exists);
}
