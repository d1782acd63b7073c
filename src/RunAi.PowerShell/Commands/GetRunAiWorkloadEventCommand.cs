using System;
using System.Management.Automation;
using RunAi.Client;
using RunAi.Client.Models;
using RunAi.Client.Paging;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the events of workloads, newest first; pipe workloads in.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadEvent", SupportsPaging = true)]
    [OutputType(typeof(WorkloadEvent))]
    public sealed class GetRunAiWorkloadEventCommand : RunAiCmdlet
    {
        /// <summary>The workloads whose events to get; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>Oldest first (the API's default is newest first).</summary>
        [Parameter]
        public SwitchParameter Ascending { get; set; }

        /// <summary>Events per request, 1–500 (default 100).</summary>
        [Parameter]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        protected override void BeginProcessing()
        {
            if (PagingParameters?.IncludeTotalCount == true)
            {
                WriteWarning("The API has no count of events; -IncludeTotalCount is ignored.");
            }
        }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var order = Ascending ? SortOrder.Ascending : (SortOrder?)null;
            foreach (var id in WorkloadId)
            {
                Stream(session, id, token => session.Client.ListWorkloadEventsAsync(id, order, ToPaging(PagingParameters, PageSize), token));
            }
        }
    }
}
