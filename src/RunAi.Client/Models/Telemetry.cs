using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace RunAi.Client.Models
{
    /// <summary>
    /// One value of a workload telemetry answer (schema <c>TelemetryResponse</c>), flattened: the value parsed
    /// to a number, the groups it belongs to both as a list and as the first and second key/value pair.
    /// </summary>
    public sealed class TelemetryValue
    {
        internal TelemetryValue(string telemetryType, DateTimeOffset timestamp, TelemetryPoint point)
        {
            TelemetryType = telemetryType;
            Timestamp = timestamp;
            RawValue = point.Value;
            Value = Json.PlainJson.ParseNumber(point.Value);
            Groups = new ValueList<TelemetryGroup>(point.Groups ?? Enumerable.Empty<TelemetryGroup>());
        }

        /// <summary>What the value measures, e.g. <c>GPU_ALLOCATION</c>.</summary>
        public string TelemetryType { get; }

        /// <summary>When the server computed the answer.</summary>
        public DateTimeOffset Timestamp { get; }

        /// <summary>The value as a number; null when the server sent something that is not a number.</summary>
        public double? Value { get; }

        /// <summary>The value exactly as the server sent it.</summary>
        public string RawValue { get; }

        /// <summary>The columns the value is grouped by (at most two).</summary>
        public IReadOnlyList<TelemetryGroup> Groups { get; }

        public string? GroupKey1 => Groups.ElementAtOrDefault(0)?.Key;
        public string? GroupValue1 => Groups.ElementAtOrDefault(0)?.Value;
        public string? GroupName1 => Groups.ElementAtOrDefault(0)?.Name;
        public string? GroupKey2 => Groups.ElementAtOrDefault(1)?.Key;
        public string? GroupValue2 => Groups.ElementAtOrDefault(1)?.Value;
        public string? GroupName2 => Groups.ElementAtOrDefault(1)?.Name;

        public override string ToString() => Groups.Count == 0 ? RawValue : $"{string.Join(", ", Groups)}: {RawValue}";
    }

    /// <summary>A column a telemetry value is grouped by: its key (e.g. <c>ClusterId</c>), value and display name.</summary>
    public sealed class TelemetryGroup : RunAiObject
    {
        public string Key { get; set; } = string.Empty;
        public string Value { get; set; } = string.Empty;
        public string? Name { get; set; }

        public override string ToString() => $"{Key}={Name ?? Value}";
    }

    internal sealed class TelemetryResponse
    {
        [JsonRequired]
        public string Type { get; set; } = string.Empty;
        public DateTimeOffset Timestamp { get; set; }
        [JsonRequired]
        public List<TelemetryPoint>? Values { get; set; }
    }

    internal sealed class TelemetryPoint
    {
        public string Value { get; set; } = string.Empty;
        public List<TelemetryGroup>? Groups { get; set; }
    }
}
