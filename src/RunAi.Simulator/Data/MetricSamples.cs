using System;
using System.Globalization;

namespace RunAi.Simulator.Data;

/// <summary>Metric samples: plausible values by the metric's unit, the same for the same seed, workload, pod, GPU and sample.</summary>
internal static class MetricSamples
{
    /// <summary>Time of sample k of n, spread evenly from start to end (both included).</summary>
    public static long Ticks(long start, long end, int k, int n)
        => n <= 1 ? start : start + ((end - start) / (n - 1) * k);

    /// <summary>The value as the API sends it (text); pod 0 is the workload itself, pod p+1 its pod p.</summary>
    public static string Value(SimulatorData data, string type, int i, int pod, int k, int gpu)
    {
        // The stream number (40 + name length) keeps metric streams apart from entity streams (see EntityKind).
        var h = new Hash(Hash.Of(data.Seed, 40 + type.Length, i, (pod * 4096) + (gpu * 1024) + k) ^ Hash.OfText(type));
        var x = h.Double();
        ref readonly var c = ref data.Core(i);
        double v = type switch
        {
            _ when type.EndsWith("_BYTES", StringComparison.Ordinal) || type.EndsWith("_BYTES_PER_GPU", StringComparison.Ordinal) => Math.Round(x * 40e9),
            _ when type.Contains("UTILIZATION", StringComparison.Ordinal) || type.Contains("ACTIVITY", StringComparison.Ordinal) || type.Contains("OCCUPANCY", StringComparison.Ordinal) || type.EndsWith("PERC", StringComparison.Ordinal) => Math.Round(x * 100, 2),
            _ when type.Contains("CORES", StringComparison.Ordinal) => Math.Round(x * 8, 3),
            "POD_COUNT" => c.PodCount,
            "RUNNING_POD_COUNT" => c.Phase.IsRunning() ? c.PodCount : 0,
            "GPU_ALLOCATION" => c.AllocatedGpu,
            _ when type.Contains("SECONDS", StringComparison.Ordinal) => Math.Round(x * 2, 4),
            _ when type.Contains("BANDWIDTH", StringComparison.Ordinal) => Math.Round(x * 5e10),
            _ => Math.Round(x * 50),
        };
        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
