using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// build.ps1, the Pester suites and their helpers run only where pwsh is installed; at least make sure here that
/// every one of them parses, so a typo is caught before review.
/// </summary>
public sealed class ScriptFileTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var path in ScriptPaths())
        {
            data.Add(path);
        }

        return data;
    }

    private static System.Collections.Generic.List<string> ScriptPaths()
    {
        var paths = new System.Collections.Generic.List<string>();
        foreach (var file in Directory.GetFiles(PowerShellSession.RepositoryRoot, "*.ps*1", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", System.StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", System.StringComparison.Ordinal)
                                 && (f.EndsWith(".ps1", System.StringComparison.Ordinal) || f.EndsWith(".psm1", System.StringComparison.Ordinal) || f.EndsWith(".psd1", System.StringComparison.Ordinal))))
        {
            paths.Add(Path.GetRelativePath(PowerShellSession.RepositoryRoot, file));
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_parses_without_errors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(PowerShellSession.RepositoryRoot, relativePath), out _, out var errors);

        Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));
    }
}
