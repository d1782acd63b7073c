using System.Globalization;
using System.Text.Json;

namespace RunAi.Simulator.Json;

/// <summary>Requested and allocated resources, as workloads, revisions and pods show them (memory in Gi).</summary>
internal static class ResourceJson
{
    /// <summary>Requests with limits (twice the request for CPU and memory); revisions also show an empty MIG profile.</summary>
    public static void Requested(Utf8JsonWriter w, double gpu, int cpu, int memGi, bool withMigProfile)
    {
        w.WriteStartObject();
        w.WriteString("gpuRequestType", "portion");
        w.WriteStartObject("gpu");
        w.WriteNumber("request", gpu);
        w.WriteNull("limit");
        w.WriteEndObject();
        w.WriteStartObject("cpu");
        w.WriteNumber("request", cpu);
        w.WriteNumber("limit", cpu * 2);
        w.WriteEndObject();
        w.WriteStartObject("cpuMemory");
        w.WriteString("request", Gi(memGi));
        w.WriteString("limit", Gi(memGi * 2));
        w.WriteEndObject();
        if (withMigProfile)
        {
            w.WriteNull("migProfile");
        }

        w.WriteEndObject();
    }

    public static void Allocated(Utf8JsonWriter w, double gpu, int cpu, int memGi)
    {
        w.WriteStartObject();
        w.WriteNumber("gpu", gpu);
        w.WriteNumber("cpu", cpu);
        w.WriteString("cpuMemory", Gi(memGi));
        w.WriteEndObject();
    }

    private static string Gi(int memGi) => memGi.ToString(CultureInfo.InvariantCulture) + "Gi";
}
