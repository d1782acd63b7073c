using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets the revisions of inference workloads (pipe workloads in), or revisions by id.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiInferenceRevision.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiInferenceRevision", DefaultParameterSetName = ByIdSet)]
    [OutputType(typeof(Revision))]
    public sealed class GetRunAiInferenceRevisionCommand : RunAiCmdlet
    {
        private const string ByWorkloadSet = "ByWorkload";

        // The default set, so a piped revision (which also carries WorkloadId) binds by RevisionId.
        private const string ByIdSet = "ById";

        /// <summary>The inference workloads whose revisions to list; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByWorkloadSet)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>Revision ids; binds from a revision's RevisionId on the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByIdSet)]
        [ValidateNotNullOrEmpty]
        public Guid[] RevisionId { get; set; } = Array.Empty<Guid>();

        /// <summary>Only deleted revisions.</summary>
        [Parameter(ParameterSetName = ByWorkloadSet)]
        public SwitchParameter Deleted { get; set; }

        /// <summary>How many inputs are fetched at once, 1–32 (default 1: one after another). Output stays in input order, each input's items together.</summary>
        [Parameter]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in RevisionId)
                {
                    Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) => queue.WriteObject(await session.Client.GetRevisionAsync(id, token).ConfigureAwait(false)));
                }

                return;
            }

            var deleted = Deleted.IsPresent;
            foreach (var id in WorkloadId)
            {
                Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                {
                    foreach (var revision in await session.Client.ListRevisionsAsync(id, deleted, token).ConfigureAwait(false))
                    {
                        queue.WriteObject(revision);
                    }
                });
            }
        }
    }
}
