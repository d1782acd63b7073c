using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RunAi.Client.Models
{
    /// <summary>
    /// One sample of a workload's or pod's metric, flat enough for Export-Csv: the metric, the time, the value
    /// parsed to a number, and the series' labels. A histogram series gives one sample per bucket (e.g. <c>p90</c>).
    /// </summary>
    public sealed class MetricSample
    {
        internal MetricSample(Guid workloadId, Guid? podId, string metric, DateTimeOffset? timestamp, string rawValue, IReadOnlyDictionary<string, string>? labels, string? bucket)
        {
            WorkloadId = workloadId;
            PodId = podId;
            Metric = metric;
            Timestamp = timestamp;
            RawValue = rawValue;
            Value = Json.PlainJson.ParseNumber(rawValue) ?? double.NaN;
            Labels = new ValueMap<string>(labels ?? Enumerable.Empty<KeyValuePair<string, string>>());
            Bucket = bucket;
        }

        public Guid WorkloadId { get; }

        /// <summary>The pod the sample belongs to; null for workload metrics.</summary>
        public Guid? PodId { get; }

        /// <summary>The metric type, e.g. <c>GPU_UTILIZATION</c>.</summary>
        public string Metric { get; }

        public DateTimeOffset? Timestamp { get; }

        /// <summary>The value as a number (NaN when the server sent something that is not a number).</summary>
        public double Value { get; }

        /// <summary>The value exactly as the server sent it.</summary>
        public string RawValue { get; }

        /// <summary>The histogram bucket (e.g. <c>p50</c>, <c>p99</c>) for histogram series; null for plain measurements.</summary>
        public string? Bucket { get; }

        /// <summary>The series' labels (e.g. <c>gpu</c>, <c>node</c>).</summary>
        public IReadOnlyDictionary<string, string> Labels { get; }

        /// <summary>The labels as one <c>key=value;key=value</c> text, for CSV.</summary>
        public string LabelText => string.Join(";", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1:o} {2}", Metric, Timestamp, RawValue);
    }

    /// <summary>The samples of one metrics request and the requested metric types the server did not return (a 207 partial answer).</summary>
    public sealed class MetricResult
    {
        internal MetricResult(IReadOnlyList<MetricSample> samples, IReadOnlyList<string> missingTypes, int statusCode)
        {
            Samples = samples;
            MissingTypes = missingTypes;
            StatusCode = statusCode;
        }

        public IReadOnlyList<MetricSample> Samples { get; }

        /// <summary>Requested metric types absent from the answer.</summary>
        public IReadOnlyList<string> MissingTypes { get; }

        /// <summary>The HTTP status of the answer: 200, or 207 when the server itself says the answer is partial.</summary>
        public int StatusCode { get; }

        /// <summary>True when the server answered 207 (partial success) or left requested types out.</summary>
        public bool IsPartial => StatusCode == 207 || MissingTypes.Count > 0;
    }

    internal sealed class MetricsResponse
    {
        public List<MeasurementResponse>? Measurements { get; set; }
        public List<HistogramSeries>? Histogram { get; set; }
    }

    internal sealed class MeasurementResponse
    {
        public string Type { get; set; } = string.Empty;
        public Dictionary<string, string>? Labels { get; set; }
        public List<MeasurementValue>? Values { get; set; }
    }

    internal sealed class MeasurementValue
    {
        public string Value { get; set; } = string.Empty;
        public DateTimeOffset? Timestamp { get; set; }
    }

    internal sealed class HistogramSeries
    {
        public string Type { get; set; } = string.Empty;
        public List<HistogramValue>? Values { get; set; }
    }

    internal sealed class HistogramValue
    {
        public DateTimeOffset? Timestamp { get; set; }
        public Dictionary<string, string>? Data { get; set; }
    }
}
