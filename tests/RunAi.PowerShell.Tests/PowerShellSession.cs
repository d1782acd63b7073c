using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace RunAi.PowerShell.Tests;

/// <summary>A real PowerShell runspace with the built module imported from the repository, as a user would.</summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession()
        : this(null)
    {
    }

    /// <summary>A runspace whose host is <paramref name="host"/> (e.g. one that keeps what Out-Host writes).</summary>
    public PowerShellSession(System.Management.Automation.Host.PSHost? host)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
        var import = Run($"Import-Module '{ManifestPath}' -ErrorAction Stop");
        if (import.Errors.Count > 0)
        {
            throw new InvalidOperationException("Import failed: " + import.Errors[0]);
        }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ManifestPath => Path.Combine(RepositoryRoot, "RunAi.psd1");

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script with -Verbose/-Debug streams captured; parameters become variables.</summary>
    public PowerShellResult Run(string script, Dictionary<string, object?>? variables = null)
    {
        using var shell = CreateShell(script, variables);
        var output = shell.Invoke();
        return PowerShellResult.From(shell, output, null);
    }

    /// <summary>
    /// Runs a script inside try/catch, as a user's script would, and captures the error that ended it: a
    /// terminating error is caught there, a non-terminating one only reaches the error stream.
    /// </summary>
    public PowerShellResult RunCatching(string script, Dictionary<string, object?>? variables = null)
    {
        _runspace.SessionStateProxy.SetVariable("__terminating", null);
        using var shell = CreateShell("try {\n" + script + "\n} catch { $global:__terminating = $_ }", variables);
        var output = shell.Invoke();
        var terminating = _runspace.SessionStateProxy.GetVariable("__terminating") as ErrorRecord
            ?? (_runspace.SessionStateProxy.GetVariable("__terminating") as PSObject)?.BaseObject as ErrorRecord;
        return PowerShellResult.From(shell, output, terminating);
    }

    public System.Management.Automation.PowerShell CreateShell(string script, Dictionary<string, object?>? variables = null)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var pair in variables ?? new Dictionary<string, object?>())
        {
            _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        shell.AddScript(script);
        return shell;
    }

    public void Dispose() => _runspace.Dispose();

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

/// <summary>Everything a pipeline produced: output, every stream, and a terminating error if one ended it.</summary>
public sealed class PowerShellResult
{
    public IReadOnlyList<PSObject> Output { get; private init; } = Array.Empty<PSObject>();
    public IReadOnlyList<ErrorRecord> Errors { get; private init; } = Array.Empty<ErrorRecord>();
    public IReadOnlyList<string> Verbose { get; private init; } = Array.Empty<string>();
    public IReadOnlyList<string> Debug { get; private init; } = Array.Empty<string>();
    public IReadOnlyList<string> Warnings { get; private init; } = Array.Empty<string>();
    public IReadOnlyList<string> Information { get; private init; } = Array.Empty<string>();
    public IReadOnlyList<ProgressRecord> Progress { get; private init; } = Array.Empty<ProgressRecord>();
    /// <summary>The error that ended the script (caught by try/catch), if any.</summary>
    public ErrorRecord? Terminating { get; private init; }

    /// <summary>Every error: the non-terminating ones and the terminating one.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Terminating is ErrorRecord t ? Errors.Append(t) : Errors;

    public static PowerShellResult From(System.Management.Automation.PowerShell shell, System.Collections.ObjectModel.Collection<PSObject> output, ErrorRecord? terminating) => new()
    {
        Output = output.Where(o => o != null).ToList(),
        Errors = shell.Streams.Error.ToList(),
        Verbose = shell.Streams.Verbose.Select(v => v.Message).ToList(),
        Debug = shell.Streams.Debug.Select(v => v.Message).ToList(),
        Warnings = shell.Streams.Warning.Select(v => v.Message).ToList(),
        Information = shell.Streams.Information.Select(v => v.MessageData?.ToString() ?? string.Empty).ToList(),
        Progress = shell.Streams.Progress.ToList(),
        Terminating = terminating,
    };

    public T Get<T>(int index, string property) => (T)LanguagePrimitives.ConvertTo(Output[index].Properties[property].Value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<T> All<T>(string property) => Output.Select(o => (T)LanguagePrimitives.ConvertTo(o.Properties[property].Value, typeof(T), System.Globalization.CultureInfo.InvariantCulture));
}
