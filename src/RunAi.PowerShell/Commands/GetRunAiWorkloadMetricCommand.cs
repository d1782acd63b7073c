using System;
using System.Collections.Generic;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets metric samples of workloads (GPU and CPU utilisation, memory, pods, NIM latency…), one object per sample; pipe workloads in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadMetric.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadMetric")]
    [OutputType(typeof(MetricSample))]
    public sealed class GetRunAiWorkloadMetricCommand : MetricCmdlet
    {
        /// <summary>The workloads to measure; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public Guid[] WorkloadId { get; set; } = Array.Empty<Guid>();

        /// <summary>One to ten metric types.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateCount(1, 10)]
        [ValidateApiValue(ApiValueList.WorkloadMetricTypes)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string[] MetricType { get; set; } = Array.Empty<string>();

        private protected override IEnumerable<string> RequestedTypes => MetricType;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var query = Query;
            foreach (var id in WorkloadId)
            {
                Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                    MetricWindow.Write(queue, "workload " + id, await session.Client.GetWorkloadMetricsAsync(id, query, token).ConfigureAwait(false)));
            }
        }
    }
}
