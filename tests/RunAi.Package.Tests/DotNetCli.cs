using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace RunAi.Package.Tests;

/// <summary>Runs the dotnet CLI (and programs it installs) as a child process of the test, never left running.</summary>
internal static class DotNetCli
{
    /// <summary>The root of the .NET install running this test (…/shared/Microsoft.NETCore.App/&lt;v&gt;/ is three levels down).</summary>
    public static string DotNetRoot { get; } = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    private static string Executable
    {
        get
        {
            var beside = Path.Combine(DotNetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(beside) ? beside : "dotnet";
        }
    }

    /// <summary>Runs `dotnet args…` to the end and returns its output; a non-zero exit fails with that output.</summary>
    public static string Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = NewStartInfo(Executable, arguments, environment);
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        // Builds and installs run while other test assemblies run theirs, some of them timing work on a 2-core
        // machine: let those go first (the processes this one starts inherit the priority).
        process.PriorityClass = ProcessPriorityClass.BelowNormal;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
            {
                throw new TimeoutException($"dotnet {string.Join(' ', start.ArgumentList)} did not finish:\n{Text(output)}");
            }

            process.WaitForExit();
        }
        finally
        {
            Stop(process);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{Text(output)}");
        }

        return Text(output);
    }

    /// <summary>A program with its standard output readable line by line; the caller stops it with <see cref="Stop"/>.</summary>
    public static Process StartProgram(string path, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = NewStartInfo(path, arguments, environment);
        return Process.Start(start) ?? throw new InvalidOperationException(path + " did not start");
    }

    /// <summary>Ends the process and everything it started, if still running.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // it exited between the check and the kill
        }
    }

    private static ProcessStartInfo NewStartInfo(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` hands its MSBuild's settings down to the test host; a nested build must find its own.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A tool's launcher finds the runtime through DOTNET_ROOT when .NET is not installed where it looks by default.
        start.Environment["DOTNET_ROOT"] = DotNetRoot;
        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        return start;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
