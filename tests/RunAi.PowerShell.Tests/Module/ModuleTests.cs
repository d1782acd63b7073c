using System.Linq;
using Xunit;

namespace RunAi.PowerShell.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void Manifest_passes_Test_ModuleManifest_and_exports_exactly_the_cmdlets()
    {
        using var ps = new PowerShellSession();
        var result = ps.Run($"Test-ModuleManifest -Path '{PowerShellSession.ManifestPath}'");
        Assert.Empty(result.Errors);

        // Every cmdlet class in the assembly is exported, and nothing else is.
        var defined = ps.Run("""
            (Get-Command Connect-RunAi).ImplementingType.Assembly.GetTypes() |
              ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
              ForEach-Object { $_.VerbName + '-' + $_.NounName }
            """).Output.Select(o => o.BaseObject.ToString()).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        var exported = ps.Run("(Get-Module RunAi).ExportedCmdlets.Keys").Output.Select(o => o.BaseObject.ToString()).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(18, defined.Length);
        Assert.Equal(defined, exported);
        Assert.Empty(ps.Run("(Get-Module RunAi).ExportedFunctions.Keys").Output);
        Assert.All(exported, name => Assert.Matches("^(Get|Connect|Disconnect|Invoke|Wait)-RunAi[A-Za-z]*$", name));
    }

    [Theory]
    [InlineData("Import-Module $manifest -Force")]
    [InlineData("Remove-Module RunAi; Import-Module $manifest")]
    [InlineData("Import-Module $manifest -Force; Remove-Module RunAi; Import-Module $manifest; Import-Module $manifest -Force")]
    public void Re_importing_in_one_runspace_exports_every_cmdlet_with_its_help_again(string reimport)
    {
        using var ps = new PowerShellSession();
        var first = ps.Run("(Get-Command -Module RunAi).Name").Output.Select(o => o.BaseObject.ToString()).ToList();
        Assert.Equal(18, first.Count);

        var again = ps.Run(reimport + "; (Get-Command -Module RunAi).Name", new() { ["manifest"] = PowerShellSession.ManifestPath });
        Assert.Empty(again.Errors);
        Assert.Equal(first, again.Output.Select(o => o.BaseObject.ToString()).ToList());

        // The cmdlets run, and their help is still found (a re-import used to lose both).
        var context = ps.Run("Get-RunAiContext -ErrorAction SilentlyContinue; (Get-Help Get-RunAiWorkload).Synopsis");
        Assert.Equal("Gets Run:ai workloads: a filtered, sorted list streamed page by page, or workloads by id.", context.Output.Single().BaseObject);
    }

    [Fact]
    public void A_second_runspace_of_the_same_process_imports_every_cmdlet()
    {
        using var first = new PowerShellSession();
        using var second = new PowerShellSession();
        var names = first.Run("(Get-Command -Module RunAi).Name").Output.Select(o => o.BaseObject.ToString()).ToList();
        Assert.Equal(18, names.Count);
        Assert.Equal(names, second.Run("(Get-Command -Module RunAi).Name").Output.Select(o => o.BaseObject.ToString()).ToList());
        Assert.Equal(names, second.Run("Remove-Module RunAi; Import-Module $manifest; (Get-Command -Module RunAi).Name", new() { ["manifest"] = PowerShellSession.ManifestPath })
            .Output.Select(o => o.BaseObject.ToString()).ToList());
    }

    [Fact]
    public void Third_party_dlls_load_in_a_private_context_not_the_default_one()
    {
        using var ps = new PowerShellSession();
        var contexts = ps.Run("""
            [System.AppDomain]::CurrentDomain.GetAssemblies() |
              Where-Object { $_.Location -like '*module*bin*dependencies*' -or $_.Location -like '*module*bin*RunAi.PowerShell.dll' } |
              ForEach-Object { $ctx = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_); ($(if ($ctx -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'Default' } else { 'Private' })) + '|' + $_.GetName().Name }
            """).Output.Select(o => o.BaseObject.ToString()!).ToList();
        Assert.Contains(contexts, c => c.EndsWith("|RunAi.PowerShell", System.StringComparison.Ordinal));
        Assert.All(contexts, c => Assert.NotEqual("Default", c.Split('|')[0]));
    }

    [Fact]
    public void The_README_error_table_names_every_error_id_the_module_emits()
    {
        using var ps = new PowerShellSession();
        var ids = ps.Run("""
            (Get-Command Connect-RunAi).ImplementingType.Assembly.GetType('RunAi.PowerShell.Errors.ErrorIds').GetFields() |
              Where-Object { -not $_.GetCustomAttributes([System.ObsoleteAttribute], $false) } |
              ForEach-Object { $_.GetValue($null) }
            """).Output.Select(o => o.BaseObject.ToString()!).ToList();
        var readme = System.IO.File.ReadAllText(System.IO.Path.Combine(PowerShellSession.RepositoryRoot, "README.md"));
        var table = System.Text.RegularExpressions.Regex.Matches(readme, @"^\| (`[A-Za-z]+`(?:, `[A-Za-z]+`)*) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(", ").Select(id => id.Trim('`')))
            .ToHashSet();

        Assert.True(ids.Count >= 20, string.Join(", ", ids));
        Assert.All(ids, id => Assert.True(table.Contains(id), $"README's ErrorId table has no row for {id}"));
    }

    [Fact]
    public void Every_type_a_cmdlet_outputs_has_a_default_view()
    {
        using var ps = new PowerShellSession();
        var outputTypes = ps.Run("(Get-Module RunAi).ExportedCmdlets.Values | ForEach-Object { $_.OutputType.Name }").Output
            .Select(o => o.BaseObject.ToString()!)
            .Where(t => t.StartsWith("RunAi.", System.StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var format = System.Xml.Linq.XDocument.Load(System.IO.Path.Combine(PowerShellSession.RepositoryRoot, "module", "RunAi.format.ps1xml"));
        var viewed = format.Descendants("TypeName").Select(t => t.Value.Trim()).ToHashSet();
        // A derived type shows with its base type's view (PowerShell matches the type's whole hierarchy).
        var derived = new System.Collections.Generic.Dictionary<string, string> { ["RunAi.Client.Models.WorkloadDetailed"] = "RunAi.Client.Models.Workload" };

        Assert.True(outputTypes.Count >= 10, string.Join(", ", outputTypes));
        Assert.All(outputTypes, t => Assert.True(viewed.Contains(t) || (derived.TryGetValue(t, out var b) && viewed.Contains(b)), $"{t} has no view in RunAi.format.ps1xml"));
    }
}
