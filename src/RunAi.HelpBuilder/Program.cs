using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Xml;
using RunAi.HelpBuilder;
using RunAi.HelpBuilder.Maml;
using RunAi.HelpBuilder.Metadata;
using RunAi.HelpBuilder.Prose;

// Usage: RunAi.HelpBuilder --manifest RunAi.psd1 --source src/RunAi.PowerShell/Help --output module/RunAi.PowerShell.dll-Help.xml
// Run by the build (see RunAi.HelpBuilder.csproj). Mistakes in the prose are printed as MSBuild errors and fail the build.
var options = ParseArguments(args);
if (options is null)
{
    Console.Error.WriteLine("usage: RunAi.HelpBuilder --manifest <RunAi.psd1> --source <help folder> --output <MAML file>");
    return 2;
}

var errors = new List<HelpError>();
IReadOnlyList<CmdletFacts> commands;
try
{
    commands = ModuleMetadataReader.Read(Path.GetFullPath(options.Value.Manifest));
}
catch (Exception e) when (e is RuntimeException or IOException or InvalidOperationException or NotSupportedException)
{
    Console.Error.WriteLine($"{options.Value.Manifest}(1): error RAHELP: cannot read the cmdlets' metadata: {e.Message}");
    return 1;
}

var help = HelpComposer.Compose(commands, Path.GetFullPath(options.Value.Source), errors);
if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine(error);
    }

    return 1;
}

var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
using (var writer = XmlWriter.Create(options.Value.Output, settings))
{
    MamlWriter.Write(help).Save(writer);
}

Console.WriteLine($"RunAi.HelpBuilder: help for {help.Count} cmdlets -> {options.Value.Output}");
return 0;

static (string Manifest, string Source, string Output)? ParseArguments(string[] args)
{
    var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        values[args[i]] = args[i + 1];
    }

    return values.TryGetValue("--manifest", out var manifest) && values.TryGetValue("--source", out var source) && values.TryGetValue("--output", out var output)
        ? (manifest, source, output)
        : null;
}
