using System;
using System.Management.Automation;
using RunAi.Client.Models;

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
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            foreach (var id in WorkloadId)
            {
                Run(session, id, async (queue, token) =>
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
