using System;
using System.Linq;
using System.Management.Automation;
using RunAi.Client;
using RunAi.Client.Models;
using RunAi.Client.Paging;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets pods: of all workloads (filtered, sorted, paged), of workloads or revisions piped in, or of a cluster (deprecated API).
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiPod.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiPod", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Pod), ParameterSetName = new[] { ListSet, WorkloadSet, RevisionSet })]
    [OutputType(typeof(ClusterPod), ParameterSetName = new[] { ClusterSet })]
    public sealed class GetRunAiPodCommand : RunAiCmdlet
    {
        private const string ListSet = "List";
        private const string WorkloadSet = "Workload";
        private const string RevisionSet = "Revision";
        private const string ClusterSet = "Cluster";

        /// <summary>
        /// The workloads whose pods to get; binds from a workload's Id. In the Revision set it only absorbs a piped
        /// revision's WorkloadId, so a revision binds by its RevisionId.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = WorkloadSet)]
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = RevisionSet, DontShow = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>The inference revisions whose pods to get; binds from a revision's RevisionId.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RevisionSet)]
        [ValidateNotNullOrEmpty]
        public Guid[] RevisionId { get; set; } = Array.Empty<Guid>();

        /// <summary>The cluster whose pods to get through the deprecated <c>/v1/k8s/clusters/{uuid}/pods</c>.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClusterSet)]
        public Guid ClusterId { get; set; }

        /// <summary>filterBy expressions on clusterId, workloadId, revisionId, nodeName, currentNodepool, createdAt, completedAt, deletedAt.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ValidateFilter(FilterTarget.Pod)]
        public string[] Filter { get; set; } = Array.Empty<string>();

        /// <summary>The field the server sorts by.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateApiValue(ApiValueList.PodSortFields)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string? SortBy { get; set; }

        /// <summary>Sort descending (the default is ascending).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>-Completed: only completed pods; -Completed:$false: only pods not completed; absent: all.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Completed { get; set; }

        /// <summary>Full adds WorkloadName and ProjectName to each pod.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateApiValue(ApiValueList.PodVerbosity)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string Verbosity { get; set; } = "Brief";

        /// <summary>Only deleted pods.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WorkloadSet)]
        [Parameter(ParameterSetName = RevisionSet)]
        public SwitchParameter Deleted { get; set; }

        /// <summary>Free-text search.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WorkloadSet)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        /// <summary>Pods per request, 1–500 (default 100).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WorkloadSet)]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        /// <summary>How many inputs are fetched at once, 1–32 (default 1: one after another). Output stays in input order, each input's items together.</summary>
        [Parameter(ParameterSetName = WorkloadSet)]
        [Parameter(ParameterSetName = RevisionSet)]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var paged = PagingParameters != null && (PagingParameters.Skip > 0 || PagingParameters.First != ulong.MaxValue || PagingParameters.IncludeTotalCount);
            if (paged && (ParameterSetName == RevisionSet || ParameterSetName == ClusterSet))
            {
                WriteWarning("The API does not page this list; -First, -Skip and -IncludeTotalCount apply only to the cluster-wide and workload pod lists.");
            }

            if (ParameterSetName == ClusterSet)
            {
                WriteWarning("GET /v1/k8s/clusters/{uuid}/pods is deprecated by Run:ai; use Get-RunAiPod -Filter 'clusterId==<id>' (GET /api/v1/workloads/pods) instead.");
            }
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            switch (ParameterSetName)
            {
                case ClusterSet:
                    var cluster = ClusterId;
                    Submit(WorkFor.Command, session, cluster, async (queue, token) =>
                    {
                        foreach (var pod in await session.Client.ListClusterPodsAsync(cluster, token).ConfigureAwait(false))
                        {
                            queue.WriteObject(pod);
                        }
                    });
                    return;
                case RevisionSet:
                    var deleted = Deleted.IsPresent;
                    foreach (var id in RevisionId)
                    {
                        Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                        {
                            foreach (var pod in await session.Client.ListRevisionPodsAsync(id, deleted, token).ConfigureAwait(false))
                            {
                                queue.WriteObject(pod);
                            }
                        });
                    }

                    return;
                case WorkloadSet:
                    var includeTotalCount = PagingParameters?.IncludeTotalCount == true;
                    var (search, deletedPods, workloadPaging) = (Search, Deleted.IsPresent, ToLanePaging(PageSize));
                    foreach (var id in WorkloadId)
                    {
                        Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                        {
                            if (includeTotalCount)
                            {
                                // The total goes with the workload's pods, before them.
                                var count = new PodQuery { Deleted = deletedPods, Search = search };
                                count.Filters.Add("workloadId==" + id.ToString("D"));
                                queue.WriteTotalCount(await session.Client.CountPodsAsync(count, token).ConfigureAwait(false));
                            }

                            await queue.WriteAllAsync(t => session.Client.ListWorkloadPodsAsync(id, deletedPods, search, workloadPaging, t), null, token).ConfigureAwait(false);
                        });
                    }

                    return;
                default:
                    var query = BuildQuery();
                    var paging = ToPaging(PageSize);
                    if (PagingParameters?.IncludeTotalCount == true)
                    {
                        WriteTotalCount(session, token => session.Client.CountPodsAsync(query, token));
                    }

                    Submit(WorkFor.Command, session, null, Streaming(token => session.Client.ListPodsAsync(query, paging, token)));
                    return;
            }
        }

        private PodQuery BuildQuery()
        {
            var query = new PodQuery
            {
                Deleted = Deleted,
                Search = Search,
                SortBy = SortBy,
                SortOrder = Descending ? SortOrder.Descending : (SortOrder?)null,
                FullVerbosity = string.Equals(Verbosity, "Full", StringComparison.OrdinalIgnoreCase),
                Completed = MyInvocation.BoundParameters.ContainsKey(nameof(Completed)) ? Completed.IsPresent : (bool?)null,
            };
            foreach (var expression in Filter)
            {
                ListInput.AddFilter(this, query.Filters, expression, nameof(Filter), expression);
            }

            return query;
        }
    }
}
