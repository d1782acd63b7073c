using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

/// <summary>
/// One process of the cold runs, timed from before it starts to after it exits (its runtime's start included), with
/// the CPU time it used (it and its children: the pwsh tool's shim starts the real pwsh as a child), the
/// <c>key=value</c> figures it printed on its last line and the CPU time the page server spent on it.
/// </summary>
internal sealed partial class ColdRun
{
    private ColdRun(double seconds, double cpuSeconds, IReadOnlyDictionary<string, double> figures, double serverSeconds, string? failure, string line)
    {
        Line = line;
        Seconds = seconds;
        CpuSeconds = cpuSeconds;
        Figures = figures;
        ServerSeconds = serverSeconds;
        Failure = failure;
    }

    /// <summary>Wall time from start to exit.</summary>
    public double Seconds { get; }

    /// <summary>
    /// CPU time (user and system) of the process and the children it waited for; NaN where the system does not say.
    /// Unlike <see cref="Seconds"/> it hardly moves with the machine's load.
    /// </summary>
    public double CpuSeconds { get; }

    /// <summary>What the process printed: <c>count</c>, <c>peak</c> (bytes), and per-step milliseconds where it has steps.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; }

    /// <summary>The last line the process printed, as it printed it (for figures that are not numbers).</summary>
    public string Line { get; }

    /// <summary>CPU time of the page server (this process) while the run lasted.</summary>
    public double ServerSeconds { get; }

    /// <summary>Why the run does not count, or null.</summary>
    public string? Failure { get; }

    public double PeakMegabytes => Figures.TryGetValue("peak", out var peak) ? peak / 1048576.0 : double.NaN;

    public static async Task<ColdRun> StartAsync(ProcessStartInfo start, int expected)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var cpuBefore = PrerenderedServer.CpuTime;
        var childrenBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        var cpuSeconds = ChildrenCpuSeconds() - childrenBefore;
        var serverSeconds = (PrerenderedServer.CpuTime - cpuBefore).TotalSeconds;

        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        var figures = Parse(last);
        string? failure = null;
        if (process.ExitCode != 0 || !figures.TryGetValue("count", out var count))
        {
            failure = $"exit {process.ExitCode}: {last} {(await errors).Trim()}".Trim();
        }
        else if (count < expected * 0.9)
        {
            failure = $"listed {count}, expected about {expected}";
        }

        return new ColdRun(clock.Elapsed.TotalSeconds, cpuSeconds, figures, serverSeconds, failure, last);
    }

    /// <summary>A command line, its arguments one by one.</summary>
    public static ProcessStartInfo Command(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The program of that name on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    /// <summary>CPU seconds of every child this process has waited for (getrusage(RUSAGE_CHILDREN)); NaN off Linux.</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 && RuntimeInformation.ProcessArchitecture != Architecture.Arm64)
        {
            return double.NaN;
        }

        var usage = new long[18]; // struct rusage: ru_utime and ru_stime (timeval: seconds, microseconds) first, then 14 longs
        return GetResourceUsage(-1, usage) == 0 ? usage[0] + (usage[1] / 1e6) + usage[2] + (usage[3] / 1e6) : double.NaN;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, [Out] long[] usage);

    private static Dictionary<string, double> Parse(string line)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                figures[parts[0]] = value;
            }
        }

        return figures;
    }
}
