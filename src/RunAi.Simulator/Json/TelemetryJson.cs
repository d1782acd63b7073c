using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace RunAi.Simulator.Json;

/// <summary>One group-by key of a telemetry value: the key, the group's value (an id) and its display name.</summary>
internal readonly record struct TelemetryGroupKey(string Key, string Value, string Name);

/// <summary>One telemetry value and the groups it is for (empty without groupBy).</summary>
internal sealed record TelemetryValue(double Value, IReadOnlyList<TelemetryGroupKey> Groups);

/// <summary>Writes a telemetry answer: its type, the reference time, and one value per group.</summary>
internal static class TelemetryJson
{
    public static void Write(Utf8JsonWriter w, string type, long timestamp, bool grouped, IEnumerable<TelemetryValue> values)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        IsoTime.Write(w, "timestamp", timestamp);
        w.WriteStartArray("values");
        foreach (var value in values)
        {
            w.WriteStartObject();
            w.WriteString("value", value.Value.ToString("R", CultureInfo.InvariantCulture));
            if (grouped)
            {
                w.WriteStartArray("groups");
                foreach (var (key, groupValue, name) in value.Groups)
                {
                    w.WriteStartObject();
                    w.WriteString("key", key);
                    w.WriteString("value", groupValue);
                    w.WriteString("name", name);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
