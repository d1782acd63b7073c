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
        /// <summary>Streams the pods of all workloads (<c>GET /api/v1/workloads/pods</c>), page by page.</summary>
        public IAsyncEnumerable<Pod> ListPodsAsync(PodQuery? query = null, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            query ??= new PodQuery();
            var list = ListSpec.Of("pods", ApiPath.Pods, RunAiJsonContext.Default.PodsPage, page => (page.Pods, page.Next))
                .WithQuery(uri => AddFilters(uri, query.Deleted, query.Filters, query.Search)
                    .Add("sortOrder", SortOrderText(query.SortOrder))
                    .Add("sortBy", ApiValues.PodSortFields.Spelling(query.SortBy))
                    .Add("verbosity", query.FullVerbosity ? "full" : null)
                    .Add("completed", query.Completed is bool completed ? (completed ? "true" : "false") : null));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Counts pods matching the same filters as a list (<c>GET /api/v1/workloads/pods/count</c>).</summary>
        public async Task<long> CountPodsAsync(PodQuery? query = null, CancellationToken cancellationToken = default)
        {
            query ??= new PodQuery();
            return await CountAsync(ApiPath.Pods + "/count", query.Deleted, query.Filters, query.Search, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Streams a workload's pods (<c>GET /api/v1/workloads/{workloadId}/pods</c>).</summary>
        public IAsyncEnumerable<Pod> ListWorkloadPodsAsync(
            Guid workloadId, bool deleted = false, string? search = null, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            var list = ListSpec.Of("pods of workload " + workloadId, ApiPath.Workload(workloadId, "pods"), RunAiJsonContext.Default.PodsPage, page => (page.Pods, page.Next))
                .WithQuery(uri => uri.Add("deleted", deleted).Add("search", search));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Gets a pod's metric samples (<c>GET /api/v1/workloads/{workloadId}/pods/{podId}/metrics</c>).</summary>
        public async Task<MetricResult> GetPodMetricsAsync(Guid workloadId, Guid podId, MetricQuery query, CancellationToken cancellationToken = default)
        {
            if (query is null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            var uri = MetricsUri(ApiPath.WorkloadPod(workloadId, podId, "metrics"), query);
            var (status, answer) = await SendWithStatusAsync(HttpMethod.Get, uri.ToUri(), null, RunAiJsonContext.Default.MetricsResponse, cancellationToken).ConfigureAwait(false);
            return ToMetricResult(workloadId, podId, query, status, answer);
        }

        /// <summary>Lists a cluster's pods through the deprecated <c>GET /v1/k8s/clusters/{uuid}/pods</c>; use <see cref="ListPodsAsync"/>.</summary>
        public async Task<IReadOnlyList<ClusterPod>> ListClusterPodsAsync(Guid clusterId, CancellationToken cancellationToken = default)
        {
            var uri = new QueryBuilder(ApiPath.ClusterPods(clusterId));
            return await GetAsync(uri, RunAiJsonContext.Default.ListClusterPod, cancellationToken).ConfigureAwait(false);
        }
    }
}
