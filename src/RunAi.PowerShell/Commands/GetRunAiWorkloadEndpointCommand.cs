using System;
using System.Management.Automation;
using RunAi.Client.Models;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the network endpoints of workloads (host, port, URL); pipe workloads in.</para>
    /// </summary>
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
