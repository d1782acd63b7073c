using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.Client.Paging;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the history of workloads: their events and phase changes; pipe workloads in.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadHistory", SupportsPaging = true)]
    [OutputType(typeof(HistoryRecord))]
    public sealed class GetRunAiWorkloadHistoryCommand : RunAiCmdlet
    {
        /// <summary>The workloads whose history to get; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

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
            foreach (var id in WorkloadId)
            {
                Stream(session, id, token => session.Client.ListWorkloadHistoryAsync(id, ToPaging(PagingParameters, PageSize), token));
            }
        }
    }
}
