using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace RunAi.Package.Tests;

/// <summary>
/// A module manifest as PowerShell itself reads it (Test-ModuleManifest), to check what packaging wrote against.
/// FormatFiles are full paths, resolved from the manifest's folder.
/// </summary>
public sealed record ManifestFacts(
    string Version,
    Guid ModuleGuid,
    string Author,
    string CompanyName,
    string Copyright,
    string Description,
    string RootModule,
    IReadOnlyList<string> FormatFiles,
    IReadOnlyList<string> Tags,
    string ProjectUri,
    string LicenseUri,
    string ReleaseNotes,
    IReadOnlyList<string> Cmdlets)
{
    public static ManifestFacts Read(EngineSession engine, string manifestPath)
    {
        var m = engine.Run("Test-ModuleManifest -Path $path -ErrorAction Stop", new() { ["path"] = manifestPath }).Single();
        string Text(string name) => m.Properties[name].Value?.ToString() ?? string.Empty;
        IReadOnlyList<string> List(object? value) => value is null
            ? Array.Empty<string>()
            : LanguagePrimitives.GetEnumerable(value)?.Cast<object>().Select(o => o.ToString() ?? string.Empty).ToList() ?? new List<string> { value.ToString() ?? string.Empty };

        return new ManifestFacts(
            Text("Version"),
            (Guid)m.Properties["Guid"].Value,
            Text("Author"),
            Text("CompanyName"),
            Text("Copyright"),
            Text("Description"),
            Text("RootModule"),
            List(m.Properties["ExportedFormatFiles"].Value),
            List(m.Properties["Tags"].Value),
            Text("ProjectUri"),
            Text("LicenseUri"),
            Text("ReleaseNotes"),
            List(((System.Collections.IDictionary)m.Properties["ExportedCmdlets"].Value).Keys).OrderBy(c => c, StringComparer.Ordinal).ToList());
    }
}
