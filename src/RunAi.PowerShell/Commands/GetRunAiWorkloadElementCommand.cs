using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.Client.Paging;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets the structure elements of workloads, streamed page by page; pipe workloads in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadElement.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadElement", SupportsPaging = true)]
    [OutputType(typeof(WorkloadElement))]
    public sealed class GetRunAiWorkloadElementCommand : RunAiCmdlet
    {
        /// <summary>The workloads; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>Elements per request, 1–500 (default 100).</summary>
        [Parameter]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var paging = ToPaging(PageSize);
            foreach (var id in WorkloadId)
            {
                if (PagingParameters?.IncludeTotalCount == true)
                {
                    WriteTotalCount(session, async token =>
                    {
                        var count = await session.Client.CountWorkloadElementsAsync(id, token).ConfigureAwait(false);
                        return count.StoredElementsCount;
                    });
                }

                Stream(session, id, token => session.Client.ListWorkloadElementsAsync(id, paging, token));
            }
        }
    }
}
