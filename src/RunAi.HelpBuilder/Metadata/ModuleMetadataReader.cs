using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RunAi.HelpBuilder.Metadata;

/// <summary>
/// Imports the built module into the hosted PowerShell engine, as a user would, and reads each cmdlet's parameter
/// sets and parameters from <c>Get-Command</c>: the same metadata PowerShell binds with, so help cannot drift from it.
/// </summary>
internal static class ModuleMetadataReader
{
    public static IReadOnlyList<CmdletFacts> Read(string manifestPath)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Import-Module").AddParameter("Name", manifestPath).AddParameter("PassThru")
            .AddParameter("ErrorAction", ActionPreference.Stop);
        var module = shell.Invoke<PSModuleInfo>().Single();
        return module.ExportedCmdlets.Values
            .OrderBy(cmdlet => cmdlet.Name, StringComparer.OrdinalIgnoreCase)
            .Select(Describe)
            .ToList();
    }

    private static CmdletFacts Describe(CmdletInfo cmdlet)
    {
        var parameters = new Dictionary<string, ParameterFacts>(StringComparer.OrdinalIgnoreCase);
        var defaults = DefaultValues.Of(cmdlet.ImplementingType, cmdlet.Parameters.Keys);
        var sets = cmdlet.ParameterSets
            .OrderByDescending(set => set.IsDefault)
            .Select(set => new ParameterSetFacts(
                set.Name,
                set.IsDefault,
                InDisplayOrder(set.Parameters.Where(p => !IsCommon(p.Name)))
                    .Select(p => Use(p, set.Name, parameters, defaults))
                    .ToList()))
            .ToList();

        // Parameters in the order of the default set, then any that only other sets have.
        var ordered = sets.SelectMany(set => set.Parameters).Select(use => use.Parameter).Distinct().ToList();
        var outputTypes = cmdlet.OutputType.Select(type => type.Name).Where(name => name != "System.Void").Distinct(StringComparer.Ordinal).ToList();
        return new CmdletFacts(cmdlet.Name, cmdlet.Verb, cmdlet.Noun, sets, ordered, outputTypes);
    }

    private static ParameterUse Use(CommandParameterInfo info, string setName, Dictionary<string, ParameterFacts> known, IReadOnlyDictionary<string, object?> defaults)
    {
        if (!known.TryGetValue(info.Name, out var parameter))
        {
            parameter = Parameter(info, defaults);
            known.Add(info.Name, parameter);
        }

        return new ParameterUse(
            parameter,
            info.IsMandatory,
            info.Position == int.MinValue ? null : info.Position,
            info.ValueFromPipeline,
            info.ValueFromPipelineByPropertyName,
            IsHidden(info, setName));
    }

    private static ParameterFacts Parameter(CommandParameterInfo info, IReadOnlyDictionary<string, object?> defaults)
    {
        var isSwitch = info.ParameterType == typeof(SwitchParameter);
        var valueType = FriendlyTypeNames.ValueType(info.ParameterType);
        var accepted = info.Attributes.OfType<ValidateSetAttribute>().SelectMany(a => a.ValidValues).ToList();
        if (accepted.Count == 0)
        {
            // The module's own closed-list validation (ValidateApiValue) publishes its values the same way.
            accepted = ListsOf(info, "AcceptedValues");
        }

        if (accepted.Count == 0 && valueType.IsEnum)
        {
            accepted = Enum.GetNames(valueType).ToList();
        }

        var range = info.Attributes.OfType<ValidateRangeAttribute>().Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.MinRange} to {a.MaxRange}")).FirstOrDefault();
        var maxCount = info.Attributes.OfType<ValidateCountAttribute>().Select(a => (int?)a.MaxLength).FirstOrDefault();
        defaults.TryGetValue(info.Name, out var defaultValue);
        return new ParameterFacts(
            info.Name,
            isSwitch ? string.Empty : FriendlyTypeNames.Of(info.ParameterType),
            isSwitch,
            info.Aliases.ToList(),
            info.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
            accepted,
            range,
            maxCount,
            ListsOf(info, "Fields"),
            ListsOf(info, "Operators"),
            isSwitch ? null : DefaultValues.Describe(defaultValue));
    }

    /// <summary>
    /// A list a validation attribute of the module publishes about itself, such as the fields and operators that
    /// -Filter's validation accepts: read from the attribute, so help lists exactly what binding accepts.
    /// </summary>
    private static List<string> ListsOf(CommandParameterInfo info, string property) =>
        info.Attributes.OfType<ValidateArgumentsAttribute>()
            .Select(a => a.GetType().GetProperty(property)?.GetValue(a) as IEnumerable<string>)
            .FirstOrDefault(values => values != null)?.ToList() ?? new List<string>();

    /// <summary>DontShow, read from the [Parameter] of this set (a parameter can be plumbing in one set and plain in another).</summary>
    private static bool IsHidden(CommandParameterInfo info, string setName)
    {
        var declarations = info.Attributes.OfType<ParameterAttribute>().ToList();
        var own = declarations.Where(a => string.Equals(a.ParameterSetName, setName, StringComparison.OrdinalIgnoreCase)).ToList();
        return (own.Count > 0 ? own : declarations).Any(a => a.DontShow);
    }

    /// <summary>The order of Get-Command's syntax: positional by position, then mandatory named, then the rest as declared.</summary>
    private static IEnumerable<CommandParameterInfo> InDisplayOrder(IEnumerable<CommandParameterInfo> parameters)
    {
        var list = parameters.ToList();
        return list.Where(p => p.Position != int.MinValue).OrderBy(p => p.Position)
            .Concat(list.Where(p => p.Position == int.MinValue && p.IsMandatory))
            .Concat(list.Where(p => p.Position == int.MinValue && !p.IsMandatory));
    }

    private static bool IsCommon(string name) =>
        Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);
}
