using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace RunAi.PowerShell.Tests;

/// <summary>
/// Reads, once, what a user of the imported module gets from <c>Get-Help</c> for each exported cmdlet, and next to
/// it what <c>Get-Command</c> says about the same cmdlet, so the tests can hold one against the other.
/// </summary>
public sealed class HelpFixture : IDisposable
{
    private readonly PowerShellSession _session = new();

    public HelpFixture()
    {
        var names = _session.Run("(Get-Module RunAi).ExportedCmdlets.Keys").Output.Select(o => o.BaseObject.ToString()!).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException("The imported module exports no cmdlets: there is no help to check.");
        }

        Cmdlets = names.Select(Read).ToList();
        About = string.Join(Environment.NewLine, _session.Run("Get-Help about_RunAi").Output.Select(o => o.ToString()));
        ErrorIds = _session.Run(
                "(Get-Command Get-RunAiWorkload).ImplementingType.Assembly.GetType('RunAi.PowerShell.Errors.ErrorIds').GetFields() | ForEach-Object { $_.GetValue($null) }")
            .Output.Select(o => o.ToString()).ToList();
    }

    public IReadOnlyList<CmdletHelp> Cmdlets { get; }

    /// <summary>The text of <c>Get-Help about_RunAi</c>.</summary>
    public string About { get; }

    /// <summary>The ErrorIds the module raises, from its ErrorIds class.</summary>
    public IReadOnlyList<string> ErrorIds { get; }

    public CmdletHelp Get(string name) => Cmdlets.Single(c => c.Name == name);

    /// <summary>Runs a script in the runspace the help was read from (the module is imported, nothing is connected).</summary>
    public PowerShellResult Run(string script, Dictionary<string, object?>? variables = null) => _session.Run(script, variables);

    public void Dispose() => _session.Dispose();

    private CmdletHelp Read(string name)
    {
        var help = _session.Run($"Get-Help {name} -Full").Output.Single();
        var sets = _session.Run($"(Get-Command {name}).ParameterSets").Output.Select(o => (CommandParameterSetInfo)o.BaseObject).ToList();
        var helpParameters = Items(Property(help, "parameters"), "parameter").ToList();
        var syntax = Items(Property(help, "syntax"), "syntaxItem")
            .Select(item => Items(item, "parameter").Select(p => new SyntaxParameter(
                Text(Property(p, "name")),
                Property(p, "parameterValue") is { } value ? Text(value) : null,
                Text(Property(p, "required")) == "true",
                Text(Property(p, "position")) != "named")).ToList())
            .ToList();

        return new CmdletHelp(
            name,
            Text(Property(help, "Synopsis")).Trim(),
            Items(Property(help, "examples"), "example").Select(e => Text(Property(e, "code"))).ToList(),
            helpParameters.ToDictionary(p => Text(Property(p, "name")), p => string.Join(" ", Items(Property(p, "description")).Select(d => Text(Property(d, "Text")))).Trim()),
            helpParameters.ToDictionary(p => Text(Property(p, "name")), p => (IReadOnlyList<string>)Items(Property(p, "parameterValueGroup"), "parameterValue").Select(Text).ToList()),
            helpParameters.ToDictionary(p => Text(Property(p, "name")), p => (Text(Property(p, "pipelineInput")), Text(Property(p, "aliases")))),
            helpParameters.ToDictionary(p => Text(Property(p, "name")), p => Text(Property(p, "defaultValue"))),
            syntax,
            syntax.Select(item => Render(name, item)).ToList(),
            Parameters(sets),
            sets.Select(set => new ParameterSet(
                set.Parameters.Where(p => !IsCommon(p.Name) && p.IsMandatory).Select(p => p.Name).ToList(),
                set.Parameters.Where(p => !IsCommon(p.Name)).Select(p => p.Name).ToHashSet())).ToList());
    }

    /// <summary>A syntax line as Get-Help prints it: [-Optional], -Mandatory, [-Positional], &lt;type&gt; unless a switch.</summary>
    private static string Render(string name, IEnumerable<SyntaxParameter> parameters)
    {
        var parts = new List<string> { name };
        foreach (var parameter in parameters)
        {
            var shown = parameter.Positional ? $"[-{parameter.Name}]" : $"-{parameter.Name}";
            shown = parameter.Value is null ? shown : $"{shown} <{parameter.Value}>";
            parts.Add(parameter.Required ? shown : $"[{shown}]");
        }

        parts.Add("[<CommonParameters>]");
        return string.Join(" ", parts);
    }

    private static List<CmdletParameter> Parameters(IEnumerable<CommandParameterSetInfo> sets) =>
        sets.SelectMany(set => set.Parameters).Where(p => !IsCommon(p.Name)).GroupBy(p => p.Name).Select(uses =>
        {
            var first = uses.First();
            var valueType = first.ParameterType.IsArray ? first.ParameterType.GetElementType()! : first.ParameterType;
            valueType = Nullable.GetUnderlyingType(valueType) ?? valueType;
            var accepted = first.Attributes.OfType<ValidateSetAttribute>().SelectMany(a => a.ValidValues)
                .Concat(first.Attributes.Select(a => a.GetType().GetProperty("AcceptedValues")?.GetValue(a)).OfType<IEnumerable<string>>().SelectMany(v => v))
                .ToList();
            if (accepted.Count == 0 && valueType.IsEnum)
            {
                accepted = Enum.GetNames(valueType).ToList();
            }

            return new CmdletParameter(
                first.Name,
                first.ParameterType == typeof(SwitchParameter),
                uses.Any(u => u.ValueFromPipeline),
                uses.Any(u => u.ValueFromPipelineByPropertyName),
                first.Aliases.ToList(),
                accepted);
        }).ToList();

    private static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);

    private static object? Property(object? target, string name) => target is null ? null : PSObject.AsPSObject(target).Properties[name]?.Value;

    /// <summary>A help property that holds one object or many, as a list; with a name, that property of it.</summary>
    private static IEnumerable<object> Items(object? value, string? name = null)
    {
        var inner = name is null ? value : Property(value, name);
        var unwrapped = inner is PSObject wrapped && wrapped.BaseObject is IEnumerable and not string ? wrapped.BaseObject : inner;
        return unwrapped switch
        {
            null => Enumerable.Empty<object>(),
            string => new[] { unwrapped },
            IEnumerable many => many.Cast<object>(),
            _ => new[] { unwrapped },
        };
    }

    /// <summary>A help node's text: MAML elements with attributes come back as objects whose text is in '#text'.</summary>
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        PSObject node when node.Properties["#text"] is { } text => text.Value?.ToString() ?? string.Empty,
        _ => value.ToString() ?? string.Empty,
    };
}

public sealed record CmdletHelp(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Examples,
    IReadOnlyDictionary<string, string> Descriptions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ValueGroups,
    IReadOnlyDictionary<string, (string PipelineInput, string Aliases)> Binding,
    IReadOnlyDictionary<string, string> Defaults,
    IReadOnlyList<List<SyntaxParameter>> Syntax,
    IReadOnlyList<string> SyntaxLines,
    IReadOnlyList<CmdletParameter> Parameters,
    IReadOnlyList<ParameterSet> ParameterSets)
{
    // Failure messages name the cmdlet rather than print every collection.
    public override string ToString() => Name;
}

public sealed record SyntaxParameter(string Name, string? Value, bool Required, bool Positional);

public sealed record CmdletParameter(string Name, bool IsSwitch, bool ByValue, bool ByPropertyName, IReadOnlyList<string> Aliases, IReadOnlyList<string> AcceptedValues);

public sealed record ParameterSet(IReadOnlyList<string> Mandatory, IReadOnlySet<string> All);
