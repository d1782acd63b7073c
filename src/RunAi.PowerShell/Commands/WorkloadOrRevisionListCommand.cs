using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using RunAi.Client.Paging;
using RunAi.PowerShell.Pipeline;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// The shape shared by the cmdlets that list something of a workload or of an inference revision (events,
    /// history): <c>-WorkloadId</c> or <c>-RevisionId</c> from the pipeline, paged, one stream per id, up to
    /// <c>-ThrottleLimit</c> ids at once.
    /// </summary>
    public abstract class WorkloadOrRevisionListCommand<T> : RunAiCmdlet
    {
        // Neither set is the default: PowerShell then picks the set whose mandatory parameter is bound. A piped revision
        // binds RevisionId and WorkloadId (Revision set); a piped workload or -WorkloadId binds only WorkloadId, which
        // leaves the Revision set without its mandatory RevisionId (Workload set).
        private protected const string WorkloadSet = "Workload";

        private protected const string RevisionSet = "Revision";

        /// <summary>
        /// The workloads to read; binds from a workload's Id on the pipeline. In the Revision set it only takes a piped
        /// revision's WorkloadId, which is set on every item listed for that revision (the API does not repeat it).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = WorkloadSet)]
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = RevisionSet, DontShow = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>The inference revisions to read; binds from a revision's RevisionId on the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RevisionSet)]
        [ValidateNotNullOrEmpty]
        public Guid[] RevisionId { get; set; } = Array.Empty<Guid>();

        /// <summary>Items per request, 1–500 (default 100).</summary>
        [Parameter]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        /// <summary>How many inputs are fetched at once, 1–32 (default 1: one after another). Output stays in input order, each input's items together.</summary>
        [Parameter]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        /// <summary>What is listed, for messages ("events").</summary>
        private protected abstract string ItemsName { get; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (PagingParameters?.IncludeTotalCount == true)
            {
                WriteWarning($"The API has no count of {ItemsName}; -IncludeTotalCount is ignored.");
            }
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var paging = ToLanePaging(PageSize);
            if (ParameterSetName != RevisionSet)
            {
                foreach (var id in WorkloadId)
                {
                    Submit(WorkFor.Input, session, id, Streaming(token => ListOfWorkload(session, id, paging, token)), ThrottleLimit);
                }

                return;
            }

            for (var i = 0; i < RevisionId.Length; i++)
            {
                var id = RevisionId[i];
                var workloadId = WorkloadOfRevision(i);
                Submit(WorkFor.Input, session, id, Streaming(token => ListOfRevision(session, id, workloadId, paging, token)), ThrottleLimit);
            }
        }

        /// <summary>
        /// The workload of the i-th revision: a piped revision brings one of each; typed lists pair up by position, and a
        /// single workload id applies to every revision.
        /// </summary>
        private Guid? WorkloadOfRevision(int index) =>
            WorkloadId.Length == RevisionId.Length ? WorkloadId[index] : WorkloadId.Length == 1 ? WorkloadId[0] : (Guid?)null;

        private protected abstract IAsyncEnumerable<T> ListOfWorkload(RunAiSession session, Guid workloadId, PagingOptions paging, CancellationToken cancellationToken);

        private protected abstract IAsyncEnumerable<T> ListOfRevision(RunAiSession session, Guid revisionId, Guid? workloadId, PagingOptions paging, CancellationToken cancellationToken);
    }
}
