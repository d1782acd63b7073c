using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>A workload's two network endpoints: the main one (API, notebook, board) and a second (models, lab, metrics).</summary>
internal static class EndpointJson
{
    /// <summary>The endpoints' items (the caller writes the array around them).</summary>
    public static void WriteItems(Utf8JsonWriter w, SimulatorData data, int i)
    {
        ref readonly var c = ref data.Core(i);
        var host = Host(data, i);
        for (var e = 0; e < 2; e++)
        {
            var path = c.Type switch
            {
                WorkloadType.Inference => e == 0 ? "/v1/completions" : "/v1/models",
                WorkloadType.Workspace => e == 0 ? "/" : "/lab",
                _ => e == 0 ? "/" : "/metrics",
            };
            w.WriteStartObject();
            w.WriteString("host", host);
            w.WriteNumber("port", c.Type switch { WorkloadType.Inference => 8000, WorkloadType.Workspace => 8888, _ => e == 0 ? 6006 : 9090 });
            w.WriteString("path", path);
            w.WriteBoolean("tlsEnabled", true);
            w.WriteString("protocol", "HTTPS");
            w.WriteString("url", "https://" + host + path);
            w.WriteEndObject();
        }
    }

    /// <summary>The URL of the main endpoint (the workload's urls and connections).</summary>
    public static string MainUrl(SimulatorData data, int i)
        => "https://" + Host(data, i) + (data.Core(i).Type == WorkloadType.Inference ? "/v1/completions" : "/");

    private static string Host(SimulatorData data, int i) => data.WorkloadName(i) + "." + data.Core(i).ProjectName + ".runai.example.com";
}
