using System;
using System.Management.Automation;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Counts the revisions of inference workloads; pipe workloads in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiInferenceRevisionCount.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiInferenceRevisionCount")]
    [OutputType(typeof(long))]
    public sealed class GetRunAiInferenceRevisionCountCommand : RunAiCmdlet
    {
        /// <summary>The inference workloads; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>Count only deleted revisions.</summary>
        [Parameter]
        public SwitchParameter Deleted { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var deleted = Deleted.IsPresent;
            foreach (var id in WorkloadId)
            {
                Submit(WorkFor.Input, session, id, async (queue, token) => queue.WriteObject(await session.Client.CountRevisionsAsync(id, deleted, token).ConfigureAwait(false)));
            }
        }
    }
}
