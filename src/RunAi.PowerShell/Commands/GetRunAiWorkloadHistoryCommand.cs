using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.Client.Paging;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the history of workloads or inference revisions: their events and phase changes; pipe workloads or revisions in.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadHistory", DefaultParameterSetName = RevisionSet, SupportsPaging = true)]
    [OutputType(typeof(HistoryRecord))]
    public sealed class GetRunAiWorkloadHistoryCommand : RunAiCmdlet
    {
        private const string WorkloadSet = "Workload";

        // The default set, so a piped revision (which also carries WorkloadId) binds by RevisionId; a workload, which
        // has no RevisionId, falls back to the Workload set.
        private const string RevisionSet = "Revision";

        /// <summary>The workloads whose history to get; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = WorkloadSet)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>The inference revisions whose history to get; binds from a revision's RevisionId on the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RevisionSet)]
        [ValidateNotNullOrEmpty]
        public Guid[] RevisionId { get; set; } = Array.Empty<Guid>();

        /// <summary>Records per request, 1–500 (default 100).</summary>
        [Parameter]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        protected override void BeginProcessing()
        {
            if (PagingParameters?.IncludeTotalCount == true)
            {
                WriteWarning("The API has no count of history records; -IncludeTotalCount is ignored.");
            }
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            if (ParameterSetName == RevisionSet)
            {
                foreach (var id in RevisionId)
                {
                    Stream(session, id, token => session.Client.ListRevisionHistoryAsync(id, ToPaging(PagingParameters, PageSize), cancellationToken: token));
                }

                return;
            }

            foreach (var id in WorkloadId)
            {
                Stream(session, id, token => session.Client.ListWorkloadHistoryAsync(id, ToPaging(PagingParameters, PageSize), token));
            }
        }
    }
}
