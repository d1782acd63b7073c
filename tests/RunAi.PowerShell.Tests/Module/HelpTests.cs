using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// What <c>Get-Help</c> shows for the imported module, read through the engine as a user gets it: every exported
/// cmdlet has a synopsis, examples and described parameters, syntax a user can read (friendly types, switches as
/// <c>[-Name]</c>), and facts that match the cmdlet's own metadata; <c>about_RunAi</c> is found.
/// </summary>
public sealed class HelpTests : IClassFixture<HelpFixture>
{
    private static readonly string[] ClrNames = { "`", "Nullable", "SwitchParameter", "System." };

    private readonly HelpFixture _fixture;

    public HelpTests(HelpFixture fixture) => _fixture = fixture;

    [Fact]
    public void Every_cmdlet_has_a_synopsis_of_its_own()
    {
        Assert.Equal(18, _fixture.Cmdlets.Count);
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            // Without help, Get-Help makes the synopsis from the syntax: "Get-RunAiWorkload [[-Name] <string>] …".
            Assert.False(string.IsNullOrWhiteSpace(cmdlet.Synopsis), $"{cmdlet.Name} has no synopsis");
            Assert.False(cmdlet.Synopsis.StartsWith(cmdlet.Name, StringComparison.Ordinal), $"{cmdlet.Name}'s synopsis is its syntax: {cmdlet.Synopsis}");
        });
    }

    [Fact]
    public void Every_cmdlet_has_an_example_that_uses_it()
    {
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            Assert.True(cmdlet.Examples.Count > 0, $"{cmdlet.Name} has no example");
            Assert.Contains(cmdlet.Examples, code => code.Contains(cmdlet.Name, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Every_parameter_of_every_cmdlet_is_described()
    {
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            Assert.NotEmpty(cmdlet.Parameters);
            foreach (var parameter in cmdlet.Parameters)
            {
                cmdlet.Descriptions.TryGetValue(parameter.Name, out var description);
                Assert.True(description?.Length > 15, $"{cmdlet.Name} -{parameter.Name} has no description in help");
            }
        });
    }

    [Fact]
    public void Syntax_shows_friendly_type_names_never_CLR_names()
    {
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            foreach (var line in cmdlet.SyntaxLines)
            {
                foreach (var clrName in ClrNames)
                {
                    Assert.False(line.Contains(clrName, StringComparison.Ordinal), $"{cmdlet.Name} syntax shows '{clrName}': {line}");
                }
            }
        });

        var workload = _fixture.Get("Get-RunAiWorkload");
        Assert.Contains(workload.SyntaxLines, line => line.StartsWith("Get-RunAiWorkload [[-Name] <string>] [-Phase <RunAiPhase>]", StringComparison.Ordinal));
        Assert.Contains(workload.SyntaxLines, line => line.StartsWith("Get-RunAiWorkload [-Id] <Guid[]>", StringComparison.Ordinal));
        Assert.Contains("[-First <ulong>]", workload.SyntaxLines[0], StringComparison.Ordinal);
        Assert.Contains("-Start <DateTimeOffset>", _fixture.Get("Get-RunAiWorkloadMetric").SyntaxLines[0], StringComparison.Ordinal);
        Assert.Contains("-GroupBy <string[]>", _fixture.Get("Get-RunAiWorkloadTelemetry").SyntaxLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_shows_switches_as_a_bare_name()
    {
        var switches = 0;
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => p.IsSwitch))
            {
                switches++;
                var uses = cmdlet.Syntax.SelectMany(item => item).Where(p => p.Name == parameter.Name).ToList();
                Assert.All(uses, use => Assert.Null(use.Value));
                Assert.Contains(cmdlet.SyntaxLines, line =>
                    line.Contains($"[-{parameter.Name}]", StringComparison.Ordinal) || line.Contains($" -{parameter.Name} ", StringComparison.Ordinal));
            }
        });

        Assert.True(switches > 10, "too few switches found to prove anything");
        Assert.Contains("[-Descending] [-Deleted]", _fixture.Get("Get-RunAiWorkload").SyntaxLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_has_one_line_per_parameter_set_with_its_parameters()
    {
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            Assert.Equal(cmdlet.ParameterSets.Count, cmdlet.Syntax.Count);
            foreach (var set in cmdlet.ParameterSets)
            {
                // A set's line shows all its mandatory parameters and nothing from outside the set (a DontShow
                // parameter may be left out).
                Assert.Contains(cmdlet.Syntax, item =>
                    set.Mandatory.All(name => item.Any(p => p.Name == name && p.Required)) &&
                    item.All(p => set.All.Contains(p.Name)));
            }
        });
    }

    [Fact]
    public void Enum_and_ValidateSet_parameters_list_every_accepted_value()
    {
        var checkedParameters = 0;
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            foreach (var parameter in cmdlet.Parameters.Where(p => p.AcceptedValues.Count > 0))
            {
                checkedParameters++;
                var description = cmdlet.Descriptions[parameter.Name];
                Assert.All(parameter.AcceptedValues, value => Assert.Contains(value, description, StringComparison.Ordinal));
                Assert.Equal(parameter.AcceptedValues, cmdlet.ValueGroups[parameter.Name]);
            }
        });

        Assert.True(checkedParameters >= 8, $"only {checkedParameters} parameters with accepted values found");
        var phase = _fixture.Get("Get-RunAiWorkload").Syntax[0].Single(p => p.Name == "Phase");
        Assert.Equal("RunAiPhase", phase.Value);
    }

    [Fact]
    public void Pipeline_input_and_aliases_match_the_cmdlets_binding()
    {
        Assert.All(_fixture.Cmdlets, cmdlet =>
        {
            foreach (var parameter in cmdlet.Parameters)
            {
                var (pipelineInput, aliases) = cmdlet.Binding[parameter.Name];
                Assert.Equal(parameter.ByPropertyName, pipelineInput.Contains("ByPropertyName", StringComparison.Ordinal));
                Assert.Equal(parameter.ByValue, pipelineInput.Contains("ByValue", StringComparison.Ordinal));
                Assert.Equal(parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases), aliases);
            }
        });

        Assert.Equal(("True (ByValue, ByPropertyName)", "Id"), _fixture.Get("Get-RunAiWorkloadEvent").Binding["WorkloadId"]);
    }

    [Fact]
    public void Defaults_come_from_the_cmdlets_own_initial_values()
    {
        Assert.Equal("100", _fixture.Get("Get-RunAiWorkload").Defaults["PageSize"]);
        Assert.Equal("100", _fixture.Get("Connect-RunAi").Defaults["TimeoutSec"]);
        Assert.Equal("5", _fixture.Get("Connect-RunAi").Defaults["MaxRetryCount"]);
        Assert.Equal("GET", _fixture.Get("Invoke-RunAiRestMethod").Defaults["Method"]);
        Assert.Equal("None", _fixture.Get("Get-RunAiWorkload").Defaults["Name"]);
    }

    [Fact]
    public void Get_Help_Examples_shows_the_pipeline_from_failed_workloads_to_their_events()
    {
        Assert.Contains(_fixture.Get("Get-RunAiWorkload").Examples, c => c.Contains("Get-RunAiWorkload -Phase Failed | Get-RunAiWorkloadEvent", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_Help_Examples_shows_connecting_with_an_internal_CA_and_through_an_authenticating_proxy()
    {
        var code = _fixture.Get("Connect-RunAi").Examples;

        Assert.Contains(code, c => c.Contains("-CertificateAuthority ", StringComparison.Ordinal));
        Assert.Contains(code, c => c.Contains("-Proxy ", StringComparison.Ordinal) && c.Contains("-ProxyCredential", StringComparison.Ordinal));
        Assert.Contains(code, c => c.Contains("RUNAI_PROXY", StringComparison.Ordinal) && c.Contains("RUNAI_CA_BUNDLE", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_example_parses_and_its_RunAi_commands_bind_their_literal_arguments()
    {
        // Each RunAi command of an example is bound statically (unknown or ambiguous parameters), then run with the
        // arguments that are literals and an empty pipeline: binding validates them (a -Filter field, a ValidateSet
        // value, a range) and, with no input and no session, nothing is sent. Connect-RunAi is only bound statically:
        // running it would connect.
        const string script = """
            $parseErrors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$null, [ref]$parseErrors)
            foreach ($e in $parseErrors) { "does not parse: $($e.Message)" }
            $runAi = (Get-Module RunAi).ExportedCmdlets.Keys
            foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $name = $command.GetCommandName()
                if ($name -notin $runAi) { continue }
                $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($command, $true)
                foreach ($e in $binding.BindingExceptions.GetEnumerator()) { "$name -$($e.Key): $($e.Value.BindingException.Message)" }
                if ($name -eq 'Connect-RunAi') { continue }
                $literals = @{}
                foreach ($p in $binding.BoundParameters.GetEnumerator()) {
                    if ($null -eq $p.Value.Value) { $literals[$p.Key] = $p.Value.ConstantValue; continue }
                    try { $literals[$p.Key] = $p.Value.Value.SafeGetValue() } catch { }
                }
                try { @() | & $name @literals -ErrorAction Stop }
                catch {
                    if ($_.FullyQualifiedErrorId -match '^(ParameterArgumentValidationError|CannotConvertArgument|ParameterArgumentTransformationError|NamedParameterNotFound|AmbiguousParameter|ParameterAlreadyBound|AmbiguousParameterSet)') {
                        "${name}: $($_.Exception.Message)"
                    }
                }
            }
            """;
        var examples = 0;
        var problems = new List<string>();
        foreach (var cmdlet in _fixture.Cmdlets)
        {
            foreach (var code in cmdlet.Examples)
            {
                examples++;
                var result = _fixture.Run(script, new Dictionary<string, object?> { ["code"] = code });
                problems.AddRange(result.Output.Select(o => $"{cmdlet.Name} example '{code}': {o}"));
                problems.AddRange(result.Errors.Select(e => $"{cmdlet.Name} example '{code}': {e}"));
            }
        }

        Assert.True(examples >= 30, $"only {examples} examples");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void About_RunAi_is_found_and_covers_sessions_paging_filters_errors_environment_and_the_simulator()
    {
        var about = _fixture.About;

        Assert.StartsWith("TOPIC", about.TrimStart(), StringComparison.Ordinal);
        foreach (var topic in new[]
        {
            "SESSIONS AND AUTHENTICATION", "Connect-RunAi", "-PassThru", "-Session",
            "PAGING", "-First", "-Skip", "-IncludeTotalCount",
            "FILTERS", "-Filter",
            "ERRORS", "FullyQualifiedErrorId",
            "ENVIRONMENT VARIABLES", "RUNAI_BASE_URL", "RUNAI_CLIENT_ID", "RUNAI_CLIENT_SECRET", "RUNAI_TOKEN",
            "SIMULATOR", "src/RunAi.Simulator",
        })
        {
            Assert.Contains(topic, about, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void About_RunAi_says_what_to_do_about_every_ErrorId()
    {
        Assert.True(_fixture.ErrorIds.Count >= 20, "the module's ErrorIds were not found");
        foreach (var id in _fixture.ErrorIds)
        {
            Assert.Contains(id, _fixture.About, StringComparison.Ordinal);
        }
    }
}
