using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

public sealed class HelpTests
{
    [Fact]
    public void Every_cmdlet_has_a_synopsis_a_description_examples_and_described_parameters()
    {
        using var ps = new PowerShellSession();
        var names = ps.Run("(Get-Module RunAi).ExportedCmdlets.Keys").Output.Select(o => o.BaseObject.ToString()!).ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var help = ps.Run($"Get-Help {name} -Full").Output.Single();
            var synopsis = help.Properties["Synopsis"].Value?.ToString() ?? string.Empty;
            Assert.False(string.IsNullOrWhiteSpace(synopsis) || synopsis.StartsWith(name, StringComparison.Ordinal) && synopsis.Contains('[', StringComparison.Ordinal), $"{name} has no synopsis");

            var examples = ps.Run($"(Get-Help {name} -Examples).examples.example").Output;
            Assert.True(examples.Count > 0, $"{name} has no example");
            Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.Properties["code"].Value?.ToString()), $"{name}: empty example"));

            var parameters = ps.Run($"(Get-Help {name} -Full).parameters.parameter | ForEach-Object {{ $_.name + '|' + (($_.description | ForEach-Object Text) -join ' ') }}").Output
                .Select(o => o.BaseObject.ToString()!).ToList();
            var declared = ps.Run($"(Get-Command {name}).Parameters.Keys").Output.Select(o => o.BaseObject.ToString()!)
                .Where(p => !CommonParameters.Contains(p)).ToList();
            foreach (var parameter in declared)
            {
                var entry = parameters.FirstOrDefault(p => p.StartsWith(parameter + "|", StringComparison.Ordinal));
                Assert.True(entry != null && entry.Length > parameter.Length + 10, $"{name} -{parameter} has no description in help");
            }
        }
    }

    [Fact]
    public void Get_Help_Examples_shows_the_pipeline_from_failed_workloads_to_their_events()
    {
        using var ps = new PowerShellSession();
        var code = ps.Run("(Get-Help Get-RunAiWorkload -Examples).examples.example | ForEach-Object code").Output.Select(o => o.ToString());

        Assert.Contains(code, c => c.Contains("Get-RunAiWorkload -Phase Failed | Get-RunAiWorkloadEvent", StringComparison.Ordinal));
    }

    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };
}
