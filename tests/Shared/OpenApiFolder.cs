using System;
using System.IO;

namespace RunAi.Tests;

/// <summary>
/// Where the API contract documents are: contract/openapi in the repository (the folder that holds
/// RunAi.PowerShell.sln above the test binaries). Self-contained, so every test project can link this one file.
/// </summary>
internal static class OpenApiFolder
{
    public static string FullPath { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RunAi.PowerShell.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Cannot find the repository (RunAi.PowerShell.sln) above " + AppContext.BaseDirectory);
        }

        return Path.GetFullPath(Path.Combine(directory.FullName, "contract", "openapi"));
    }
}
