using System;
using System.Collections.Generic;
using System.Linq;
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
        /// <summary>Streams workloads (<c>GET /api/v1/workloads</c>), page by page.</summary>
        public IAsyncEnumerable<Workload> ListWorkloadsAsync(WorkloadQuery? query = null, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            query ??= new WorkloadQuery();
            var list = ListSpec.Of("workloads", ApiPath.Workloads, RunAiJsonContext.Default.WorkloadsPage, page => (page.Workloads, page.Next))
                .WithQuery(uri => AddFilters(uri, query.Deleted, query.Filters, query.Search)
                    .Add("sortOrder", SortOrderText(query.SortOrder))
                    .Add("sortBy", ApiValues.WorkloadSortFields.Spelling(query.SortBy)));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Counts workloads matching the same filters as a list (<c>GET /api/v1/workloads/count</c>).</summary>
        public async Task<long> CountWorkloadsAsync(WorkloadQuery? query = null, CancellationToken cancellationToken = default)
        {
            query ??= new WorkloadQuery();
            return await CountAsync(ApiPath.Workloads + "/count", query.Deleted, query.Filters, query.Search, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Gets one workload with its scheduling detail (<c>GET /api/v1/workloads/{workloadId}</c>).</summary>
        public Task<WorkloadDetailed> GetWorkloadAsync(Guid workloadId, CancellationToken cancellationToken = default) =>
            GetAsync(new QueryBuilder(ApiPath.Workload(workloadId)), RunAiJsonContext.Default.WorkloadDetailed, cancellationToken);

        /// <summary>Streams a workload's events (<c>GET /api/v1/workloads/{workloadId}/events</c>); the API's default order is newest first.</summary>
        public IAsyncEnumerable<WorkloadEvent> ListWorkloadEventsAsync(
            Guid workloadId, SortOrder? sortOrder = null, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            var list = ListSpec.Of("events of workload " + workloadId, ApiPath.Workload(workloadId, "events"), RunAiJsonContext.Default.EventsPage, page => (page.Events, page.Next))
                .WithQuery(uri => uri.Add("sortOrder", SortOrderText(sortOrder)))
                .ListedFor(ListedFor.Workload(workloadId));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Streams a workload's history of events and phase changes (<c>GET /api/v1/workloads/{workloadId}/history</c>).</summary>
        public IAsyncEnumerable<HistoryRecord> ListWorkloadHistoryAsync(Guid workloadId, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            var list = ListSpec.Of("history of workload " + workloadId, ApiPath.Workload(workloadId, "history"), RunAiJsonContext.Default.HistoryPage, page => (page.Records, page.Next))
                .ListedFor(ListedFor.Workload(workloadId));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>
        /// Proves the address and the credentials with one cheap call (the workload count). A refused connection or a host
        /// name that does not resolve fails at once, without retries: on a new connection it means a wrong address.
        /// </summary>
        public async Task<long> VerifyConnectionAsync(CancellationToken cancellationToken = default)
        {
            ConnectionProbe.Begin();
            return await CountWorkloadsAsync(null, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The filters a list and its count share: <c>deleted</c>, <c>filterBy</c> (one comma-joined value) and <c>search</c>.</summary>
        private static QueryBuilder AddFilters(QueryBuilder uri, bool deleted, IList<string> filters, string? search) =>
            uri.Add("deleted", deleted).AddJoined("filterBy", filters.ToList()).Add("search", search);

        private async Task<long> CountAsync(string path, bool deleted, IList<string> filters, string? search, CancellationToken cancellationToken)
        {
            var answer = await GetAsync(AddFilters(new QueryBuilder(path), deleted, filters, search), RunAiJsonContext.Default.CountResponse, cancellationToken).ConfigureAwait(false);
            return answer.Count;
        }

        private static string? SortOrderText(SortOrder? order) =>
            order switch
            {
                SortOrder.Ascending => "asc",
                SortOrder.Descending => "desc",
                _ => null,
            };
    }
}
