using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace RunAi.Package.Tests;

/// <summary>
/// Every package test shares one run of the Package target into a temporary folder (what `./build.ps1 Package` runs,
/// without rebuilding what `dotnet test` has just built), and one copy of the module folder on a temporary module
/// path: the process keeps the first cmdlet dll it loads, so every import must come from the same folder.
/// The folder is removed when the tests are done, whether they passed or not.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "runai-package-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Root);
            var configuration = typeof(PackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            BuildOutput = DotNetCli.Run(new[]
            {
                "build", RepositoryPaths.PackageProject, "-t:Package", "--no-restore", "--disable-build-servers", "-nologo", "-v:m",
                "-p:NoBuild=true", "-p:Configuration=" + configuration, "-p:PackageOutputRoot=" + OutDirectory,
            });

            var versions = Directory.GetDirectories(Path.Combine(OutDirectory, "RunAi"));
            Assert.True(versions.Length == 1, "out/RunAi should hold one version folder: " + string.Join(", ", versions));
            Version = Path.GetFileName(versions[0]);

            CopyDirectory(Path.Combine(OutDirectory, "RunAi"), Path.Combine(ModulePath, "RunAi"));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The temporary folder that holds everything the tests write.</summary>
    public string Root { get; }

    /// <summary>What the Package target wrote (the tests' out/).</summary>
    public string OutDirectory => Path.Combine(Root, "out");

    /// <summary>The Package target's console output, for failure messages.</summary>
    public string BuildOutput { get; } = string.Empty;

    /// <summary>The version folder's name under out/RunAi.</summary>
    public string Version { get; } = string.Empty;

    /// <summary>out/RunAi/&lt;version&gt;: the module folder as it ships.</summary>
    public string ModuleDirectory => Path.Combine(OutDirectory, "RunAi", Version);

    public string ModuleNupkg => Path.Combine(OutDirectory, $"RunAi.{Version}.nupkg");

    public string SimulatorNupkg => Path.Combine(OutDirectory, $"RunAi.Simulator.{Version}.nupkg");

    /// <summary>A folder holding only a copy of out/RunAi, as a user's Modules folder would after copying it there.</summary>
    public string ModulePath => Path.Combine(Root, "modules");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (UnauthorizedAccessException)
        {
            // Windows keeps the imported module's dlls locked until this process ends; the OS cleans its temp folder.
        }
        catch (IOException)
        {
            // as above
        }
    }

    /// <summary>Files under a folder as sorted paths relative to it, with '/' separators (as inside a nupkg).</summary>
    public static string[] RelativeFiles(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

[CollectionDefinition("package")]
public sealed class PackageTestGroup : ICollectionFixture<PackageFixture>
{
}
