using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>A metrics window: samples from start to end.</summary>
internal readonly record struct SampleWindow(long Start, long End, int Samples)
{
    public long TicksOf(int k) => MetricSamples.Ticks(Start, End, k, Samples);
}

/// <summary>Writes metric measurements (value series) and histograms (percentile series).</summary>
internal static class MetricJson
{
    /// <summary>A workload's measurement: its labels are null.</summary>
    public static void WriteWorkloadMeasurement(Utf8JsonWriter w, SimulatorData data, string type, int i, SampleWindow window)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteNull("labels");
        WriteValues(w, data, type, i, 0, 0, window);
        w.WriteEndObject();
    }

    /// <summary>A pod's measurement; a per-GPU one (<paramref name="node"/> given) is labelled with its GPU and node.</summary>
    public static void WritePodMeasurement(Utf8JsonWriter w, SimulatorData data, string type, int i, int p, int gpu, string? node, SampleWindow window)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        if (node is not null)
        {
            w.WriteStartObject("labels");
            w.WriteString("gpu", gpu.ToString(CultureInfo.InvariantCulture));
            w.WriteString("node", node);
            w.WriteEndObject();
        }

        WriteValues(w, data, type, i, p + 1, gpu, window);
        w.WriteEndObject();
    }

    /// <summary>The <c>histogram</c> property for percentile types: p50 is the sample, p90 and p99 scale it.</summary>
    public static void WriteHistograms(Utf8JsonWriter w, SimulatorData data, IReadOnlyList<string> types, int i, SampleWindow window)
    {
        w.WriteStartArray("histogram");
        foreach (var t in types)
        {
            w.WriteStartObject();
            w.WriteString("type", t);
            w.WriteStartArray("values");
            for (var k = 0; k < window.Samples; k++)
            {
                w.WriteStartObject();
                IsoTime.Write(w, "timestamp", window.TicksOf(k));
                w.WriteStartObject("data");
                var p50 = double.Parse(MetricSamples.Value(data, t, i, 0, k, 0), CultureInfo.InvariantCulture);
                w.WriteString("p50", p50.ToString("R", CultureInfo.InvariantCulture));
                w.WriteString("p90", (p50 * 1.8).ToString("R", CultureInfo.InvariantCulture));
                w.WriteString("p99", (p50 * 3.1).ToString("R", CultureInfo.InvariantCulture));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteValues(Utf8JsonWriter w, SimulatorData data, string type, int i, int pod, int gpu, SampleWindow window)
    {
        w.WriteStartArray("values");
        for (var k = 0; k < window.Samples; k++)
        {
            w.WriteStartObject();
            w.WriteString("value", MetricSamples.Value(data, type, i, pod, k, gpu));
            IsoTime.Write(w, "timestamp", window.TicksOf(k));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
