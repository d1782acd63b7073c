using System;
using System.Management.Automation;
using RunAi.Client;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Counts the pods of all workloads that match a filter.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiPodCount.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiPodCount")]
    [OutputType(typeof(long))]
    public sealed class GetRunAiPodCountCommand : RunAiCmdlet
    {
        /// <summary>filterBy expressions on clusterId, workloadId, revisionId, nodeName, currentNodepool, createdAt, completedAt, deletedAt.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateFilter(FilterTarget.Pod)]
        public string[] Filter { get; set; } = Array.Empty<string>();

        /// <summary>Free-text search.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        /// <summary>Count only deleted pods.</summary>
        [Parameter]
        public SwitchParameter Deleted { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var query = new PodQuery { Deleted = Deleted, Search = Search };
            foreach (var expression in Filter)
            {
                ListInput.AddFilter(this, query.Filters, expression, nameof(Filter), expression);
            }

            Submit(WorkFor.Command, session, null, async (queue, token) => queue.WriteObject(await session.Client.CountPodsAsync(query, token).ConfigureAwait(false)));
        }
    }
}
