using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Http;
using RunAi.Client.Json;
using RunAi.Client.Models;
using RunAi.Client.Paging;

namespace RunAi.Client
{
    public sealed partial class RunAiClient
    {
        /// <summary>Lists an inference workload's revisions (<c>GET /api/v1/workloads/inferences/{workloadId}/revisions</c>).</summary>
        public async Task<IReadOnlyList<Revision>> ListRevisionsAsync(Guid workloadId, bool deleted = false, CancellationToken cancellationToken = default)
        {
            var uri = new QueryBuilder(ApiPath.Inference(workloadId, "revisions")).Add("deleted", deleted);
            var answer = await GetAsync(uri, RunAiJsonContext.Default.RevisionsResponse, cancellationToken).ConfigureAwait(false);
            return answer.Revisions ?? new List<Revision>();
        }

        /// <summary>Counts an inference workload's revisions (<c>GET /api/v1/workloads/inferences/{workloadId}/revisions/count</c>).</summary>
        public async Task<long> CountRevisionsAsync(Guid workloadId, bool deleted = false, CancellationToken cancellationToken = default)
        {
            var uri = new QueryBuilder(ApiPath.Inference(workloadId, "revisions/count")).Add("deleted", deleted);
            var answer = await GetAsync(uri, RunAiJsonContext.Default.CountResponse, cancellationToken).ConfigureAwait(false);
            return answer.Count;
        }

        /// <summary>Gets one revision (<c>GET /api/v1/workloads/inferences/revisions/{revisionId}</c>).</summary>
        public Task<Revision> GetRevisionAsync(Guid revisionId, CancellationToken cancellationToken = default) =>
            GetAsync(new QueryBuilder(ApiPath.Revision(revisionId)), RunAiJsonContext.Default.Revision, cancellationToken);

        /// <summary>
        /// Streams a revision's events (<c>GET /api/v1/workloads/inferences/revisions/{revisionId}/events</c>); newest first by default.
        /// <paramref name="workloadId"/>, when known, is set on each event.
        /// </summary>
        public IAsyncEnumerable<WorkloadEvent> ListRevisionEventsAsync(
            Guid revisionId, SortOrder? sortOrder = null, PagingOptions? paging = null, Guid? workloadId = null, CancellationToken cancellationToken = default)
        {
            var list = ListSpec.Of("events of revision " + revisionId, ApiPath.Revision(revisionId, "events"), RunAiJsonContext.Default.EventsPage, page => (page.Events, page.Next))
                .WithQuery(uri => uri.Add("sortOrder", SortOrderText(sortOrder)))
                .ListedFor(ListedFor.Revision(revisionId, workloadId));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Streams a revision's history (<c>GET /api/v1/workloads/inferences/revisions/{revisionId}/history</c>).</summary>
        public IAsyncEnumerable<HistoryRecord> ListRevisionHistoryAsync(
            Guid revisionId, PagingOptions? paging = null, Guid? workloadId = null, CancellationToken cancellationToken = default)
        {
            var list = ListSpec.Of("history of revision " + revisionId, ApiPath.Revision(revisionId, "history"), RunAiJsonContext.Default.HistoryPage, page => (page.Records, page.Next))
                .ListedFor(ListedFor.Revision(revisionId, workloadId));
            return StreamPages(list, paging, cancellationToken);
        }

        /// <summary>Lists a revision's pods (<c>GET /api/v1/workloads/inferences/revisions/{revisionId}/pods</c>; the API does not page it).</summary>
        public async Task<IReadOnlyList<Pod>> ListRevisionPodsAsync(Guid revisionId, bool deleted = false, CancellationToken cancellationToken = default)
        {
            var uri = new QueryBuilder(ApiPath.Revision(revisionId, "pods")).Add("deleted", deleted);
            var answer = await GetAsync(uri, RunAiJsonContext.Default.PodsPage, cancellationToken).ConfigureAwait(false);
            return answer.Pods ?? new List<Pod>();
        }
    }
}
