using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Contract;
using RunAi.Client.Http;
using RunAi.Client.Json;
using RunAi.Client.Models;
using RunAi.Client.Paging;

namespace RunAi.Client
{
    public sealed partial class RunAiClient
    {
        /// <summary>Gets workload telemetry (<c>GET /api/v1/workloads/telemetry</c>), one object per value.</summary>
        public async Task<IReadOnlyList<TelemetryValue>> GetWorkloadTelemetryAsync(TelemetryQuery query, CancellationToken cancellationToken = default)
        {
            if (query is null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            var uri = new QueryBuilder(ApiPath.Telemetry)
                .Add("clusterId", query.ClusterId is Guid clusterId ? ApiPath.Segment(clusterId) : null)
                .Add("nodepoolName", query.NodepoolName)
                .Add("departmentId", query.DepartmentId)
                .AddJoined("groupBy", query.GroupBy.Select(k => ApiValues.TelemetryGroupByKeys.Spelling(k)!).Distinct(StringComparer.Ordinal).ToList())
                .Add("telemetryType", ApiValues.TelemetryTypes.Spelling(query.TelemetryType))
                .AddJoined("filterByPhases", query.Phases.ToList());
            var answer = await GetAsync(uri, RunAiJsonContext.Default.TelemetryResponse, cancellationToken).ConfigureAwait(false);
            return (answer.Values ?? new List<TelemetryPoint>()).Select(v => new TelemetryValue(answer.Type, answer.Timestamp, v)).ToList();
        }

        /// <summary>
        /// Gets a workload's metric samples (<c>GET /api/v1/workloads/{workloadId}/metrics</c>), measurements and
        /// histograms alike; a 207 partial answer is returned with the missing types named.
        /// </summary>
        public async Task<MetricResult> GetWorkloadMetricsAsync(Guid workloadId, MetricQuery query, CancellationToken cancellationToken = default)
        {
            if (query is null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            var uri = MetricsUri(ApiPath.Workload(workloadId, "metrics"), query);
            var (status, answer) = await SendWithStatusAsync(HttpMethod.Get, uri.ToUri(), null, RunAiJsonContext.Default.MetricsResponse, cancellationToken).ConfigureAwait(false);
            return ToMetricResult(workloadId, null, query, status, answer);
        }

        /// <summary>Gets a workload's network endpoints (<c>GET /api/v1/workloads/{workloadId}/endpoints</c>).</summary>
        public async Task<IReadOnlyList<WorkloadEndpoint>> GetWorkloadEndpointsAsync(Guid workloadId, CancellationToken cancellationToken = default)
        {
            var uri = new QueryBuilder(ApiPath.Workload(workloadId, "endpoints"));
            var answer = await GetAsync(uri, RunAiJsonContext.Default.EndpointsResponse, cancellationToken).ConfigureAwait(false);
            var endpoints = answer.Endpoints ?? new List<WorkloadEndpoint>();
            var listedFor = ListedFor.Workload(workloadId);
            foreach (var endpoint in endpoints)
            {
                listedFor.Stamp(endpoint);
            }

            return endpoints;
        }

        /// <summary>Streams a workload's structure elements (<c>GET /api/v1/workloads/{workloadId}/elements</c>).</summary>
        public IAsyncEnumerable<WorkloadElement> ListWorkloadElementsAsync(Guid workloadId, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            var list = ListSpec.Of("elements of workload " + workloadId, ApiPath.Workload(workloadId, "elements"), RunAiJsonContext.Default.ElementsPage, page => (page.Elements, page.Next))
                .ListedFor(ListedFor.Workload(workloadId));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Counts a workload's structure elements (<c>GET /api/v1/workloads/{workloadId}/elements/count</c>).</summary>
        public async Task<WorkloadElementCount> CountWorkloadElementsAsync(Guid workloadId, CancellationToken cancellationToken = default)
        {
            var uri = new QueryBuilder(ApiPath.Workload(workloadId, "elements/count"));
            var answer = await GetAsync(uri, RunAiJsonContext.Default.WorkloadElementCount, cancellationToken).ConfigureAwait(false);
            return ListedFor.Workload(workloadId).Stamp(answer);
        }

        private static QueryBuilder MetricsUri(string path, MetricQuery query) =>
            new QueryBuilder(path)
                .AddJoined("metricType", query.MetricTypes.ToList())
                .Add("start", query.Start)
                .Add("end", query.End)
                .Add("numberOfSamples", query.NumberOfSamples);

        private static MetricResult ToMetricResult(Guid workloadId, Guid? podId, MetricQuery query, int status, MetricsResponse answer)
        {
            var samples = new List<MetricSample>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var series in answer.Measurements ?? Enumerable.Empty<MeasurementResponse>())
            {
                seen.Add(series.Type);
                foreach (var value in series.Values ?? Enumerable.Empty<MeasurementValue>())
                {
                    samples.Add(new MetricSample(workloadId, podId, series.Type, value.Timestamp, value.Value, series.Labels, null));
                }
            }

            foreach (var series in answer.Histogram ?? Enumerable.Empty<HistogramSeries>())
            {
                seen.Add(series.Type);
                foreach (var value in series.Values ?? Enumerable.Empty<HistogramValue>())
                {
                    foreach (var bucket in value.Data ?? new Dictionary<string, string>())
                    {
                        samples.Add(new MetricSample(workloadId, podId, series.Type, value.Timestamp, bucket.Value, null, bucket.Key));
                    }
                }
            }

            var missing = query.MetricTypes.Where(t => !seen.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
            return new MetricResult(samples, missing, status);
        }
    }
}
