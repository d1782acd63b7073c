using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Json;

/// <summary>
/// Writes cluster-monitor event k (0 = newest, one every 259 s): the health of the API, compiler and runner.
/// A selector limits the fields written.
/// </summary>
internal static class ClusterEventJson
{
    /// <summary>Every field an event has, in the order written (the selector's allowed values).</summary>
    public static readonly string[] Fields =
    [
        "id", "recorded_at", "all_healthy", "api_status", "compiler_status", "runner_status", "api_self_info", "api_resources_info",
        "compiler_self_info", "compiler_resources_info", "runner_self_info", "runner_resources_info",
    ];

    private static readonly string[] Parts = ["api", "compiler", "runner"];

    /// <summary>Mostly "ok": the draw picks from ten, one "degraded", one "down".</summary>
    private static readonly string[] Statuses = ["ok", "ok", "ok", "ok", "ok", "ok", "degraded", "ok", "down", "ok"];

    public static void Write(Utf8JsonWriter w, SimulatorData data, int k, HashSet<string>? fields)
    {
        var h = Hash.For(data.Seed, EntityKind.ClusterEvent, k);
        var statuses = new string[Parts.Length];
        for (var part = 0; part < Parts.Length; part++)
        {
            statuses[part] = h.Pick(Statuses);
        }

        bool Want(string f) => fields is null || fields.Contains(f);
        w.WriteStartObject();
        if (Want("id"))
        {
            w.WriteString("id", data.MakeId(EntityKind.ClusterEvent, k, 0));
        }

        if (Want("recorded_at"))
        {
            IsoTime.Write(w, "recorded_at", data.RefTicks - (k * 259 * TimeSpan.TicksPerSecond));
        }

        if (Want("all_healthy"))
        {
            w.WriteBoolean("all_healthy", Array.TrueForAll(statuses, s => s == "ok"));
        }

        for (var part = 0; part < Parts.Length; part++)
        {
            if (Want(Parts[part] + "_status"))
            {
                w.WriteString(Parts[part] + "_status", statuses[part]);
            }
        }

        var withResources = k % 3 != 2;
        foreach (var part in Parts)
        {
            if (Want(part + "_self_info"))
            {
                w.WriteString(part + "_self_info", part + " v3.4." + (k % 7).ToString(CultureInfo.InvariantCulture) + " on " + part + "-0");
            }

            if (withResources && Want(part + "_resources_info"))
            {
                w.WriteString(part + "_resources_info", "cpu " + h.Int(100).ToString(CultureInfo.InvariantCulture) + "%, memory " + h.Int(100).ToString(CultureInfo.InvariantCulture) + "%");
            }
        }

        w.WriteEndObject();
    }
}
