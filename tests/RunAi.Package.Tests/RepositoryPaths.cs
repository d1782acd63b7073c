using System;
using System.IO;

namespace RunAi.Package.Tests;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Manifest => Path.Combine(Root, "RunAi.psd1");

    /// <summary>module/ as `dotnet build` assembled it: what the package must ship, whatever it holds.</summary>
    public static string ModuleDirectory => Path.Combine(Root, "module");

    public static string License => Path.Combine(Root, "LICENSE");

    public static string PackageProject => Path.Combine(Root, "src", "RunAi.Package", "RunAi.Package.proj");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "RunAi.PowerShell.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
    }
}
