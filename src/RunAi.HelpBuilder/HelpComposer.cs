using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RunAi.HelpBuilder.Metadata;
using RunAi.HelpBuilder.Prose;

namespace RunAi.HelpBuilder;

/// <summary>
/// Pairs each exported cmdlet with its prose and checks that they agree: every cmdlet has a file, a synopsis, a
/// description and an example; every parameter is described (in the cmdlet's file, or in the shared file for
/// parameters many cmdlets have, such as -Session and -First); nothing is described that the cmdlet does not have.
/// </summary>
internal sealed class HelpComposer
{
    public const string SharedFileName = "SharedParameters.md";

    private readonly string _sourceDirectory;
    private readonly string _sharedPath;
    private readonly Dictionary<string, SectionProse> _shared;
    private readonly HashSet<string> _usedShared = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HelpError> _errors;

    private HelpComposer(string sourceDirectory, List<HelpError> errors)
    {
        _sourceDirectory = sourceDirectory;
        _errors = errors;
        _sharedPath = Path.Combine(sourceDirectory, SharedFileName);
        var shared = File.Exists(_sharedPath) ? MarkdownProseReader.Read(_sharedPath, errors).Parameters : Array.Empty<SectionProse>();
        _shared = ByParameterName(shared, _sharedPath);
    }

    public static IReadOnlyList<CommandHelp> Compose(IReadOnlyList<CmdletFacts> commands, string sourceDirectory, List<HelpError> errors) =>
        new HelpComposer(sourceDirectory, errors).Compose(commands);

    private List<CommandHelp> Compose(IReadOnlyList<CmdletFacts> commands)
    {
        var prose = Directory.GetFiles(_sourceDirectory, "*.md")
            .Where(path => !string.Equals(Path.GetFileName(path), SharedFileName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => MarkdownProseReader.Read(path, _errors))
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var result = new List<CommandHelp>();
        foreach (var command in commands)
        {
            if (!prose.Remove(command.Name, out var cmdlet))
            {
                _errors.Add(new HelpError(Path.Combine(_sourceDirectory, command.Name + ".md"), 1, $"{command.Name} is exported but has no help file."));
                continue;
            }

            CheckProse(cmdlet, command);
            result.Add(new CommandHelp(command, cmdlet, DescribeParameters(command, cmdlet)));
        }

        foreach (var orphan in prose.Values)
        {
            _errors.Add(new HelpError(orphan.SourcePath, 1, $"'{orphan.Name}' is not a cmdlet the module exports."));
        }

        foreach (var unused in _shared.Where(p => !_usedShared.Contains(p.Key)))
        {
            _errors.Add(new HelpError(_sharedPath, unused.Value.Line, $"No cmdlet takes the shared parameter '{unused.Value.Heading}' without describing it itself."));
        }

        return result;
    }

    /// <summary>Each parameter with its description, in the order of the cmdlet's file, then the shared file's.</summary>
    private List<(ParameterFacts Parameter, IReadOnlyList<string> Description)> DescribeParameters(CmdletFacts command, CmdletProse cmdlet)
    {
        var own = ByParameterName(cmdlet.Parameters, cmdlet.SourcePath);
        var described = new List<(bool Shared, int Line, ParameterFacts Parameter, IReadOnlyList<string> Description)>();
        foreach (var parameter in command.Parameters)
        {
            var isShared = !own.Remove(parameter.Name, out var section) && _shared.TryGetValue(parameter.Name, out section);
            if (section is null)
            {
                _errors.Add(new HelpError(cmdlet.SourcePath, 1, $"-{parameter.Name} of {command.Name} is not described: add '### -{parameter.Name}' under '## PARAMETERS'."));
                continue;
            }

            if (isShared)
            {
                _usedShared.Add(parameter.Name);
            }

            if (section.Paragraphs.Count == 0)
            {
                _errors.Add(new HelpError(isShared ? _sharedPath : cmdlet.SourcePath, section.Line, $"-{parameter.Name} has a heading but no description."));
            }

            described.Add((isShared, section.Line, parameter, section.Paragraphs));
        }

        foreach (var stray in own.Values)
        {
            _errors.Add(new HelpError(cmdlet.SourcePath, stray.Line, $"{command.Name} has no parameter '{stray.Heading}'."));
        }

        return described.OrderBy(d => d.Shared).ThenBy(d => d.Line).Select(d => (d.Parameter, d.Description)).ToList();
    }

    private void CheckProse(CmdletProse cmdlet, CmdletFacts command)
    {
        if (!string.Equals(Path.GetFileNameWithoutExtension(cmdlet.SourcePath), command.Name, StringComparison.Ordinal))
        {
            _errors.Add(new HelpError(cmdlet.SourcePath, 1, $"The help of {command.Name} belongs in {command.Name}.md."));
        }

        if (string.IsNullOrWhiteSpace(cmdlet.Synopsis))
        {
            _errors.Add(new HelpError(cmdlet.SourcePath, 1, $"{command.Name} has no '## SYNOPSIS'."));
        }

        if (cmdlet.Description.Count == 0)
        {
            _errors.Add(new HelpError(cmdlet.SourcePath, 1, $"{command.Name} has no '## DESCRIPTION'."));
        }

        if (cmdlet.Examples.Count == 0)
        {
            _errors.Add(new HelpError(cmdlet.SourcePath, 1, $"{command.Name} has no example: add '### Example 1: …' with a code block under '## EXAMPLES'."));
        }

        foreach (var output in cmdlet.Outputs.Where(o => !command.OutputTypes.Contains(o.Heading, StringComparer.Ordinal)))
        {
            _errors.Add(new HelpError(cmdlet.SourcePath, output.Line, $"{command.Name} declares no [OutputType] '{output.Heading}' (it has: {string.Join(", ", command.OutputTypes)})."));
        }
    }

    private Dictionary<string, SectionProse> ByParameterName(IEnumerable<SectionProse> sections, string path)
    {
        var byName = new Dictionary<string, SectionProse>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            if (!section.Heading.StartsWith('-'))
            {
                _errors.Add(new HelpError(path, section.Line, $"A parameter heading is written '### -Name', not '### {section.Heading}'."));
            }
            else if (!byName.TryAdd(section.Heading.TrimStart('-'), section))
            {
                _errors.Add(new HelpError(path, section.Line, $"'{section.Heading}' is described twice."));
            }
        }

        return byName;
    }
}
