using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Counts the structure elements of workloads: how many exist and how many the server stored; pipe workloads in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadElementCount.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadElementCount")]
    [OutputType(typeof(WorkloadElementCount))]
    public sealed class GetRunAiWorkloadElementCountCommand : RunAiCmdlet
    {
        /// <summary>The workloads; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            foreach (var id in WorkloadId)
            {
                Submit(WorkFor.Input, session, id, async (queue, token) => queue.WriteObject(await session.Client.CountWorkloadElementsAsync(id, token).ConfigureAwait(false)));
            }
        }
    }
}
