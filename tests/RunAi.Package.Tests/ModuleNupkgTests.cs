using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace RunAi.Package.Tests;

/// <summary>out/RunAi.&lt;version&gt;.nupkg: what Publish-PSResource would push to a gallery, and what Install-PSResource installs.</summary>
[Collection("package")]
public sealed class ModuleNupkgTests
{
    // Written by NuGet into every package; not part of the module.
    private static readonly string[] NuGetEntries = { "[Content_Types].xml", "_rels/.rels", "RunAi.nuspec" };

    private readonly PackageFixture package;

    public ModuleNupkgTests(PackageFixture package) => this.package = package;

    [Fact]
    public void Module_nupkg_carries_the_gallery_nuspec_of_the_manifest()
    {
        using var engine = new EngineSession(package.ModulePath);
        var manifest = ManifestFacts.Read(engine, RepositoryPaths.Manifest);
        using var zip = ZipFile.OpenRead(package.ModuleNupkg);
        var nuspec = ReadNuspec(zip, "RunAi.nuspec");
        string Element(string name) => nuspec.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? $"<no {name}>";

        Assert.Equal("RunAi", Element("id"));
        Assert.Equal(manifest.Version, Element("version"));
        Assert.Equal(manifest.Author, Element("authors"));
        Assert.Equal(manifest.CompanyName, Element("owners"));
        Assert.Equal(manifest.Description, Element("description"));
        Assert.Equal(manifest.Copyright, Element("copyright"));
        Assert.Equal(manifest.ReleaseNotes, Element("releaseNotes"));
        Assert.Equal(manifest.ProjectUri, Element("projectUrl"));
        Assert.Equal(manifest.LicenseUri, Element("licenseUrl"));
        Assert.Equal("false", Element("requireLicenseAcceptance"));
        // Its dlls are inside it: a module package depends on no other package.
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");

        // As the gallery indexes a module: PSModule, the manifest's tags, a PSCmdlet_ and PSCommand_ tag per cmdlet,
        // and PSIncludes_Cmdlet (what Find-Module -Includes Cmdlet and Find-Command search).
        var tags = Element("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = new[] { "PSModule", "PSIncludes_Cmdlet" }
            .Concat(manifest.Tags)
            .Concat(manifest.Cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }))
            .ToList();
        Assert.True(manifest.Cmdlets.Count >= 18, string.Join(", ", manifest.Cmdlets));
        Assert.Equal(expected.OrderBy(t => t, StringComparer.Ordinal), tags.OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void Module_nupkg_root_is_the_module_folder_file_for_file()
    {
        using var zip = ZipFile.OpenRead(package.ModuleNupkg);
        var entries = zip.Entries
            .Where(e => !string.IsNullOrEmpty(e.Name))
            .ToDictionary(e => Uri.UnescapeDataString(e.FullName), StringComparer.Ordinal);
        var moduleEntries = entries.Keys
            .Where(n => !NuGetEntries.Contains(n, StringComparer.Ordinal) && !n.StartsWith("package/services/metadata/", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        var folder = PackageFixture.RelativeFiles(package.ModuleDirectory);
        Assert.Equal(folder, moduleEntries);
        foreach (var file in folder)
        {
            using var stream = entries[file].Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(package.ModuleDirectory, file))), file + " differs from the module folder's");
        }
    }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public static XElement ReadNuspec(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"no {name} at the package root: " + string.Join(", ", zip.Entries.Select(e => e.FullName)));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }
}
