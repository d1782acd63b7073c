using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using RunAi.Simulator;
using Xunit;

namespace RunAi.Package.Tests;

/// <summary>out/RunAi/&lt;version&gt;: the folder users copy into a Modules folder, or that Install-PSResource unpacks.</summary>
[Collection("package")]
public sealed class ModuleFolderTests
{
    private readonly PackageFixture package;

    public ModuleFolderTests(PackageFixture package) => this.package = package;

    [Fact]
    public void Module_folder_is_named_by_the_manifest_version_and_holds_module_as_built_plus_manifest_and_license()
    {
        using var engine = new EngineSession(package.ModulePath);
        var source = ManifestFacts.Read(engine, RepositoryPaths.Manifest);
        Assert.Equal(source.Version, package.Version);

        // module/'s whole tree (whatever the build put there: dlls, dependencies/, formats, help, subfolders) ships
        // unchanged; the manifest and the license come from the repository root.
        var built = PackageFixture.RelativeFiles(RepositoryPaths.ModuleDirectory);
        var shipped = PackageFixture.RelativeFiles(package.ModuleDirectory);
        Assert.Equal(built.Append("LICENSE").Append("RunAi.psd1").OrderBy(f => f, StringComparer.Ordinal), shipped);
        Assert.Contains("RunAi.psm1", shipped);
        Assert.Contains(shipped, f => f.StartsWith("bin/Core/dependencies/", StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains(shipped, f => f.StartsWith("bin/Desktop/dependencies/", StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains(shipped, f => f.EndsWith("-Help.xml", StringComparison.Ordinal));
        foreach (var file in built)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(RepositoryPaths.ModuleDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(package.ModuleDirectory, file))),
                file + " differs from module/'s");
        }

        // MIT, held by whom the manifest's Copyright names.
        var license = File.ReadAllText(Path.Combine(package.ModuleDirectory, "LICENSE"));
        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        var holder = Regex.Match(license, @"(?m)^Copyright (.+)$").Groups[1].Value.Trim();
        Assert.StartsWith(holder, source.Copyright, StringComparison.Ordinal);
        Assert.Contains("MIT", source.Copyright, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_manifest_passes_Test_ModuleManifest_and_points_only_beside_itself()
    {
        using var engine = new EngineSession(package.ModulePath);
        var source = ManifestFacts.Read(engine, RepositoryPaths.Manifest);
        var shippedPath = Path.Combine(package.ModuleDirectory, "RunAi.psd1");
        var shipped = ManifestFacts.Read(engine, shippedPath);

        Assert.Equal("RunAi.psm1", shipped.RootModule);
        Assert.NotEmpty(shipped.FormatFiles);
        Assert.All(shipped.FormatFiles, f => Assert.True(EngineSession.IsUnder(f, package.ModuleDirectory) && File.Exists(f), f));
        Assert.DoesNotMatch(@"'module[/\\]", File.ReadAllText(shippedPath));
        Assert.Equal(source.FormatFiles.Select(Path.GetFileName), shipped.FormatFiles.Select(Path.GetFileName));
        // Everything else is the repository's manifest, unchanged, with the gallery's metadata filled in.
        Assert.Equal(
            (source.Version, source.ModuleGuid, source.Author, source.CompanyName, source.Copyright, source.Description, source.ProjectUri, source.LicenseUri, source.ReleaseNotes),
            (shipped.Version, shipped.ModuleGuid, shipped.Author, shipped.CompanyName, shipped.Copyright, shipped.Description, shipped.ProjectUri, shipped.LicenseUri, shipped.ReleaseNotes));
        Assert.Equal(source.Tags, shipped.Tags);
        Assert.Equal(source.Cmdlets, shipped.Cmdlets);
        Assert.True(Uri.IsWellFormedUriString(shipped.ProjectUri, UriKind.Absolute), shipped.ProjectUri);
        Assert.True(Uri.IsWellFormedUriString(shipped.LicenseUri, UriKind.Absolute), shipped.LicenseUri);
        Assert.NotEmpty(shipped.ReleaseNotes);
        Assert.NotEmpty(shipped.Tags);
    }

    [Fact]
    public void Module_imports_by_name_from_a_bare_PSModulePath_with_every_cmdlet_from_the_package_folder()
    {
        using var engine = new EngineSession(package.ModulePath);
        var source = ManifestFacts.Read(engine, RepositoryPaths.Manifest);

        var module = engine.Run("Import-Module RunAi -PassThru -ErrorAction Stop").Single();
        Assert.Equal(Path.Combine(package.ModulePath, "RunAi", package.Version), module.Properties["ModuleBase"].Value);
        Assert.Equal(source.Version, module.Properties["Version"].Value.ToString());

        var exported = engine.Strings("(Get-Command -Module RunAi).Name").OrderBy(n => n, StringComparer.Ordinal).ToList();
        var defined = engine.Strings("""
            (Get-Command Connect-RunAi).ImplementingType.Assembly.GetTypes() |
              ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
              ForEach-Object { $_.VerbName + '-' + $_.NounName }
            """).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(exported.Count >= 18, string.Join(", ", exported));
        Assert.Equal(source.Cmdlets, exported);
        Assert.Equal(defined, exported);

        // The cmdlets are the package's own dlls, not the repository's module/.
        var location = engine.Strings("(Get-Command Connect-RunAi).ImplementingType.Assembly.Location").Single();
        Assert.True(EngineSession.IsUnder(location, package.ModulePath), location);
    }

    [Fact]
    public void Every_packaged_cmdlet_and_about_topic_has_its_help()
    {
        using var engine = new EngineSession(package.ModulePath);
        engine.Run("Import-Module RunAi -ErrorAction Stop");

        foreach (var name in engine.Strings("(Get-Command -Module RunAi).Name"))
        {
            var synopsis = engine.Strings("(Get-Help $name).Synopsis", new() { ["name"] = name }).Single().Trim();
            // Without its MAML, Get-Help makes a synopsis of the cmdlet's syntax.
            Assert.False(synopsis.StartsWith(name, StringComparison.Ordinal), $"{name} has no help: {synopsis}");
            Assert.NotEmpty(engine.Run("(Get-Help $name -Examples).examples.example", new() { ["name"] = name }));
        }

        // Every about topic the build put in module/ answers Get-Help by name from the installed folder.
        foreach (var topic in Directory.GetFiles(package.ModuleDirectory, "about_*.help.txt", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(topic)[..^".help.txt".Length];
            var text = string.Join("\n", engine.Strings("\"$(Get-Help $name)\"", new() { ["name"] = name }));
            Assert.Contains(File.ReadAllLines(topic).First(l => !string.IsNullOrWhiteSpace(l)).Trim(), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Packaged_cmdlets_reach_a_control_plane_with_the_dependencies_shipped_in_the_package()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { WorkloadCount = 50 });
        using var engine = new EngineSession(package.ModulePath);
        engine.Run("Import-Module RunAi -ErrorAction Stop");

        var workloads = engine.Run(
            "Connect-RunAi -BaseUri $uri -Token $token -ErrorAction Stop; Get-RunAiWorkload -First 3 -ErrorAction Stop",
            new() { ["uri"] = simulator.BaseUri, ["token"] = simulator.Options.StaticToken });

        Assert.Equal(3, workloads.Count);
        Assert.All(workloads, w => Assert.NotEqual(Guid.Empty, (Guid)w.Properties["Id"].Value));
        // The HTTP and retry libraries came from the package folder, as shipped.
        var dependencies = engine.Strings("""
            [System.AppDomain]::CurrentDomain.GetAssemblies() |
              Where-Object { -not $_.IsDynamic -and $_.Location.StartsWith($folder) } |
              ForEach-Object { $_.GetName().Name }
            """, new() { ["folder"] = Path.Combine(package.ModulePath, "RunAi", package.Version) + Path.DirectorySeparatorChar });
        Assert.Contains("Polly.Core", dependencies);
        Assert.Contains("Microsoft.Extensions.Http", dependencies);
    }
}
