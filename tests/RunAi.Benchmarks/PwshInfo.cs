using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Text.Json;

/// <summary>
/// Which pwsh a run starts, and whether it is precompiled: the official packages ship PowerShell ReadyToRun, the
/// <c>dotnet tool</c> PowerShell does not, and that alone moves a cold start by about 0.3 s.
/// </summary>
internal static class PwshInfo
{
    /// <summary>--pwsh, else pwsh on PATH, else the repository's pinned tool PowerShell (its pwsh.dll); null if none.</summary>
    public static string? Resolve(BenchmarkOptions options, string root) =>
        options.Pwsh ?? ColdRun.OnPath("pwsh") ?? ToolPwsh(root);

    /// <summary>One line: the pwsh, its PowerShell version and whether its System.Management.Automation.dll is ReadyToRun.</summary>
    public static string Describe(string pwsh)
    {
        var directory = Path.GetDirectoryName(ResolveLink(pwsh)) ?? ".";
        var engine = Path.Combine(directory, "System.Management.Automation.dll");
        if (!File.Exists(engine))
        {
            return $"{pwsh} (no System.Management.Automation.dll beside it: ReadyToRun unknown)";
        }

        var version = FileVersionInfo.GetVersionInfo(engine).ProductVersion?.Split('+', ' ')[0];
        return $"{pwsh} (PowerShell {version}, {(IsReadyToRun(engine) ? "ReadyToRun" : "not ReadyToRun: PowerShell itself is JIT-compiled at every start")})";
    }

    /// <summary>An assembly compiled ahead of time (crossgen2) carries a managed native header in its CLI header.</summary>
    public static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static string ResolveLink(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? path;
    }

    private static string? ToolPwsh(string root)
    {
        try
        {
            using var tools = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "dotnet-tools.json")));
            var version = tools.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString();
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var toolDirectory = Path.Combine(packages, "powershell", version!, "tools");
            return Directory.Exists(toolDirectory)
                ? Directory.GetFiles(toolDirectory, "pwsh.dll", SearchOption.AllDirectories).FirstOrDefault(f => f.Contains("unix", StringComparison.Ordinal))
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
        {
            return null;
        }
    }
}
