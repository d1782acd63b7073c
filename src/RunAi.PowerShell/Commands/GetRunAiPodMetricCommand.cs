using System;
using System.Collections.Generic;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.PowerShell.Parameters;

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
        [ValidateSet(
            "GPU_UTILIZATION_PER_GPU", "GPU_UTILIZATION", "GPU_MEMORY_USAGE_BYTES_PER_GPU", "GPU_MEMORY_USAGE_BYTES", "CPU_USAGE_CORES",
            "CPU_MEMORY_USAGE_BYTES", "GPU_GRAPHICS_ENGINE_ACTIVITY_PER_GPU", "GPU_SM_ACTIVITY_PER_GPU", "GPU_SM_OCCUPANCY_PER_GPU",
            "GPU_TENSOR_ACTIVITY_PER_GPU", "GPU_FP64_ENGINE_ACTIVITY_PER_GPU", "GPU_FP32_ENGINE_ACTIVITY_PER_GPU", "GPU_FP16_ENGINE_ACTIVITY_PER_GPU",
            "GPU_MEMORY_BANDWIDTH_UTILIZATION_PER_GPU", "GPU_NVLINK_TRANSMITTED_BANDWIDTH_PER_GPU", "GPU_NVLINK_RECEIVED_BANDWIDTH_PER_GPU",
            "GPU_PCIE_TRANSMITTED_BANDWIDTH_PER_GPU", "GPU_PCIE_RECEIVED_BANDWIDTH_PER_GPU", "GPU_SWAP_MEMORY_BYTES_PER_GPU")]
        public string[] MetricType { get; set; } = Array.Empty<string>();

        private protected override IEnumerable<string> RequestedTypes => MetricType;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var query = Query;
            var workloadId = WorkloadId;
            var podId = PodId;
            RunInLane(ThrottleLimit, session, podId, async (queue, token) =>
                MetricWindow.Write(queue, "pod " + podId, await session.Client.GetPodMetricsAsync(workloadId, podId, query, token).ConfigureAwait(false)));
        }
    }
}
