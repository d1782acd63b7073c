using System;
using System.Collections.Generic;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets metric samples of pods (GPU utilisation per GPU, memory, SM activity, NVLink…), one object per sample; pipe pods in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiPodMetric.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiPodMetric")]
    [OutputType(typeof(MetricSample))]
    public sealed class GetRunAiPodMetricCommand : MetricCmdlet
    {
        /// <summary>The workload the pod belongs to; binds from a pod's WorkloadId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public Guid WorkloadId { get; set; }

        /// <summary>The pod; binds from a pod's Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public Guid PodId { get; set; }

        /// <summary>One to ten metric types.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        [ValidateCount(1, 10)]
        [ValidateApiValue(ApiValueList.PodMetricTypes)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string[] MetricType { get; set; } = Array.Empty<string>();

        private protected override IEnumerable<string> RequestedTypes => MetricType;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var query = Query;
            var workloadId = WorkloadId;
            var podId = PodId;
            Submit(WorkFor.Input, session, podId, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                MetricWindow.Write(queue, "pod " + podId, await session.Client.GetPodMetricsAsync(workloadId, podId, query, token).ConfigureAwait(false)));
        }
    }
}
