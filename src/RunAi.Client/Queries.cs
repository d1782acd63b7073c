using System;
using System.Collections.Generic;
using System.Linq;
using RunAi.Client.Contract;

namespace RunAi.Client
{
    /// <summary>The filters and order of a cluster-wide pod list or count (<c>GET /api/v1/workloads/pods</c>).</summary>
    public sealed class PodQuery
    {
        /// <summary>Only deleted pods (<c>deleted=true</c>).</summary>
        public bool Deleted { get; set; }

        /// <summary>A field of the API's pods sortBy enum, e.g. <c>createdAt</c>.</summary>
        public string? SortBy { get; set; }

        /// <summary>Null leaves the API's default (ascending).</summary>
        public SortOrder? SortOrder { get; set; }

        /// <summary><c>filterBy</c> expressions, e.g. <c>nodeName==node-1</c>.</summary>
        public IList<string> Filters { get; } = new List<string>();

        /// <summary>Free-text search.</summary>
        public string? Search { get; set; }

        /// <summary>True: only completed pods; false: only pods not completed; null: all.</summary>
        public bool? Completed { get; set; }

        /// <summary>Include <c>workloadName</c> and <c>projectName</c> (<c>verbosity=full</c>).</summary>
        public bool FullVerbosity { get; set; }
    }

    /// <summary>Which metric series to fetch for which time window (<c>metricType</c>, <c>start</c>, <c>end</c>, <c>numberOfSamples</c>).</summary>
    public sealed class MetricQuery
    {
        public MetricQuery(IEnumerable<string> metricTypes, DateTimeOffset start, DateTimeOffset end)
        {
            // Types in the API's spelling, each once, whichever case they were typed in.
            MetricTypes = (metricTypes ?? throw new ArgumentNullException(nameof(metricTypes)))
                .Select(t => ApiValues.WorkloadMetricTypes.Spelling(ApiValues.PodMetricTypes.Spelling(t))!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (MetricTypes.Count == 0)
            {
                throw new ArgumentException("At least one metric type is required.", nameof(metricTypes));
            }

            if (end < start)
            {
                throw new ArgumentException($"The end ({end:o}) is before the start ({start:o}).", nameof(end));
            }

            Start = start;
            End = end;
        }

        public IReadOnlyList<string> MetricTypes { get; }

        public DateTimeOffset Start { get; }

        public DateTimeOffset End { get; }

        /// <summary>0–1000; null leaves the API's default (20).</summary>
        public int? NumberOfSamples { get; set; }
    }

    /// <summary>What to ask the workload telemetry operation (<c>GET /api/v1/workloads/telemetry</c>).</summary>
    public sealed class TelemetryQuery
    {
        public TelemetryQuery(string telemetryType) =>
            TelemetryType = string.IsNullOrEmpty(telemetryType) ? throw new ArgumentException("A telemetry type is required.", nameof(telemetryType)) : telemetryType;

        /// <summary>WORKLOADS_COUNT, GPU_ALLOCATION, PENDING_TIME_DISTRIBUTION or IDLE_ALLOCATED_GPUS.</summary>
        public string TelemetryType { get; }

        public Guid? ClusterId { get; set; }

        public string? NodepoolName { get; set; }

        public string? DepartmentId { get; set; }

        /// <summary>At most two of ClusterId, DepartmentId, ProjectId, Type, CurrentNodepools, RequestedNodepools, Phase, Category.</summary>
        public IList<string> GroupBy { get; } = new List<string>();

        /// <summary>Only workloads in these phases (at most 10).</summary>
        public IList<string> Phases { get; } = new List<string>();
    }
}
