using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace RunAi.Package.Tests;

/// <summary>
/// A runspace of the hosted PowerShell engine whose module path is only the given folder and the engine's own
/// ($PSHOME/Modules), so `Import-Module RunAi` can find nothing but the packaged module. PSModulePath is the
/// process's environment; it is put back when the session ends.
/// </summary>
public sealed class EngineSession : IDisposable
{
    private readonly Runspace runspace;
    private readonly string? originalModulePath = Environment.GetEnvironmentVariable("PSModulePath");

    public EngineSession(string modulePath)
    {
        runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        // After Open: opening a runspace adds the user's and the machine's module folders to PSModulePath.
        Run("$env:PSModulePath = $modulePath + [System.IO.Path]::PathSeparator + [System.IO.Path]::Combine($PSHOME, 'Modules')", new() { ["modulePath"] = modulePath });
    }

    /// <summary>Runs a script (parameters become variables) and fails with the first error it wrote.</summary>
    public IReadOnlyList<PSObject> Run(string script, Dictionary<string, object?>? variables = null)
    {
        var (output, errors) = RunCollectingErrors(script, variables);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{script}\n  failed: {errors[0]}\n  {errors[0].ScriptStackTrace}");
        }

        return output;
    }

    /// <summary>Runs a script and returns its output and the errors it wrote, terminating or not.</summary>
    public (IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) RunCollectingErrors(string script, Dictionary<string, object?>? variables = null)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        foreach (var pair in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        shell.AddScript(script);
        try
        {
            var output = shell.Invoke();
            return (output.Where(o => o != null).ToList(), shell.Streams.Error.ToList());
        }
        catch (RuntimeException e)
        {
            return (Array.Empty<PSObject>(), shell.Streams.Error.Append(e.ErrorRecord).ToList());
        }
    }

    /// <summary>The output as strings.</summary>
    public IReadOnlyList<string> Strings(string script, Dictionary<string, object?>? variables = null) =>
        Run(script, variables).Select(o => o.BaseObject.ToString() ?? string.Empty).ToList();

    public void Dispose()
    {
        runspace.Dispose();
        Environment.SetEnvironmentVariable("PSModulePath", originalModulePath);
    }

    /// <summary>True when the path is the folder or inside it.</summary>
    public static bool IsUnder(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
