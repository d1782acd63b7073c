using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.Client.Paging;
using RunAi.PowerShell.Pipeline;

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
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>Elements per request, 1–500 (default 100).</summary>
        [Parameter]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        /// <summary>How many inputs are fetched at once, 1–32 (default 1: one after another). Output stays in input order, each input's items together.</summary>
        [Parameter]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var includeTotalCount = PagingParameters?.IncludeTotalCount == true;
            var paging = ToLanePaging(PageSize);
            foreach (var id in WorkloadId)
            {
                Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                {
                    if (includeTotalCount)
                    {
                        var count = await session.Client.CountWorkloadElementsAsync(id, token).ConfigureAwait(false);
                        queue.WriteTotalCount(count.StoredElementsCount);
                    }

                    await queue.WriteAllAsync(t => session.Client.ListWorkloadElementsAsync(id, paging, t), null, token).ConfigureAwait(false);
                });
            }
        }
    }
}
