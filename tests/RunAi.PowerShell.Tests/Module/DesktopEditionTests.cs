using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// What RunAi.psm1 does on Windows PowerShell 5.1 (the Desktop edition) before it loads any dll. The engine here is
/// PowerShell 7, so the Desktop branch is taken from RunAi.psm1 itself and run with the registry read replaced.
/// </summary>
public sealed class DesktopEditionTests
{
    [Theory]
    [InlineData(394802, "4.6.01586")] // 4.6.2, Windows Server 2016
    [InlineData(461308, "4.7.02556")] // 4.7.1
    public void On_NET_Framework_before_4_7_2_the_import_stops_with_what_is_missing_and_what_to_install(int release, string version)
    {
        var failure = RunDesktopCheck($"[pscustomobject]@{{ Release = {release}; Version = '{version}' }}");

        Assert.NotNull(failure);
        Assert.Equal("DotNetFrameworkTooOld", failure!.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotInstalled, failure.CategoryInfo.Category);
        Assert.Contains("needs .NET Framework 4.7.2 or later", failure.Exception.Message, StringComparison.Ordinal);
        Assert.Contains($".NET Framework {version} (release {release})", failure.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Install .NET Framework 4.8", failure.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_NET_Framework_4_5_or_later_the_import_stops_too()
    {
        var failure = RunDesktopCheck("$null");

        Assert.Equal("DotNetFrameworkTooOld", failure?.FullyQualifiedErrorId);
        Assert.Contains("no .NET Framework 4.5 or later", failure!.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(461808)] // 4.7.2 on Windows 10 1803
    [InlineData(461814)] // 4.7.2 elsewhere
    [InlineData(528449)] // 4.8
    [InlineData(533320)] // 4.8.1
    public void On_NET_Framework_4_7_2_or_later_the_import_goes_on(int release)
    {
        Assert.Null(RunDesktopCheck($"[pscustomobject]@{{ Release = {release}; Version = '4.8.09032' }}"));
    }

    [Fact]
    public void The_manifest_asks_for_NET_Framework_4_7_2()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Test-ModuleManifest").AddParameter("Path", PowerShellSession.ManifestPath);
        var manifest = (PSModuleInfo)shell.Invoke().Single().BaseObject;

        Assert.Equal(new Version(4, 7, 2), manifest.DotNetFrameworkVersion);
    }

    /// <summary>Runs RunAi.psm1's Desktop branch with Get-ItemProperty answering <paramref name="registryValue"/>; returns the error that stopped it.</summary>
    private static ErrorRecord? RunDesktopCheck(string registryValue)
    {
        var psm1 = Path.Combine(PowerShellSession.RepositoryRoot, "module", "RunAi.psm1");
        var script = Parser.ParseFile(psm1, out _, out var errors);
        Assert.Empty(errors);
        var desktop = script.EndBlock.Statements.OfType<IfStatementAst>()
            .Single(s => s.Clauses.Count == 1 && s.Clauses[0].Item1.Extent.Text == "$PSEdition -eq 'Desktop'");

        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(
            "function Get-ItemProperty { " + registryValue + " }\n" +
            "try { & " + desktop.Clauses[0].Item2.Extent.Text + " } catch { $_ }");
        Collection<PSObject> output = shell.Invoke();
        Assert.Empty(shell.Streams.Error);
        return output.Select(o => o.BaseObject).OfType<ErrorRecord>().SingleOrDefault();
    }
}
