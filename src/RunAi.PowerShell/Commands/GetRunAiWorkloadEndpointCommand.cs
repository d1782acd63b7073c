using System;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets the network endpoints of workloads (host, port, URL); pipe workloads in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadEndpoint.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadEndpoint")]
    [OutputType(typeof(WorkloadEndpoint))]
    public sealed class GetRunAiWorkloadEndpointCommand : RunAiCmdlet
    {
        /// <summary>The workloads; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>How many inputs are fetched at once, 1–32 (default 1: one after another). Output stays in input order, each input's items together.</summary>
        [Parameter]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            foreach (var id in WorkloadId)
            {
                Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                {
                    foreach (var endpoint in await session.Client.GetWorkloadEndpointsAsync(id, token).ConfigureAwait(false))
                    {
                        queue.WriteObject(endpoint);
                    }
                });
            }
        }
    }
}
