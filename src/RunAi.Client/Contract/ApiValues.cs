namespace RunAi.Client.Contract
{
    /// <summary>
    /// The closed lists of the API contract, written once (from contract/openapi): the cmdlets validate, complete and document
    /// their parameters from here, and the client sends the values in the spelling given here.
    /// </summary>
    public static class ApiValues
    {
        /// <summary>filterBy operators: equals, not equals, at most, at least, contains, does not contain, starts with, ends with.</summary>
        public static readonly ApiValueSet FilterOperators = new ApiValueSet("filter operator", "==", "!=", "<=", ">=", "=@", "!@", "=^", "=$");

        /// <summary>The fields a workload list or count can be filtered on.</summary>
        public static readonly ApiValueSet WorkloadFilterFields = new ApiValueSet(
            "workload filter field",
            "type", "name", "clusterId", "projectId", "projectName", "departmentId", "departmentName", "createdAt",
            "deletedAt", "submittedBy", "phase", "completedAt", "nodepool", "distributedFramework", "allocatedGPU",
            "idleGpus", "idleAllocatedGpus", "phaseUpdatedAt", "category", "totalPendingTimeSeconds",
            "totalRunningTimeSeconds", "priority", "priorityClassName", "guaranteedRuntimeEndsAt", "aiApplicationId",
            "aiApplicationName");

        /// <summary>The fields a workload list can be sorted by.</summary>
        public static readonly ApiValueSet WorkloadSortFields = new ApiValueSet(
            "workload sort field",
            "type", "name", "clusterId", "projectId", "projectName", "departmentId", "departmentName", "createdAt",
            "deletedAt", "submittedBy", "phase", "completedAt", "nodepool", "distributedFramework", "allocatedGPU",
            "idleGpus", "idleAllocatedGpus", "phaseUpdatedAt", "category", "priority", "totalPendingTimeSeconds",
            "totalRunningTimeSeconds", "priorityClassName", "guaranteedRuntimeEndsAt", "aiApplicationId",
            "aiApplicationName");

        /// <summary>The fields a pod list or count can be filtered on.</summary>
        public static readonly ApiValueSet PodFilterFields = new ApiValueSet(
            "pod filter field",
            "clusterId", "workloadId", "revisionId", "nodeName", "currentNodepool", "createdAt", "completedAt", "deletedAt");

        /// <summary>The fields a pod list can be sorted by.</summary>
        public static readonly ApiValueSet PodSortFields = new ApiValueSet(
            "pod sort field",
            "clusterId", "workloadId", "revisionId", "nodeName", "currentNodepool", "createdAt", "completedAt", "deletedAt");

        /// <summary>How much a pod list tells about each pod.</summary>
        public static readonly ApiValueSet PodVerbosity = new ApiValueSet("pod verbosity", "Brief", "Full");

        /// <summary>The metric types of a workload.</summary>
        public static readonly ApiValueSet WorkloadMetricTypes = new ApiValueSet(
            "workload metric type",
            "GPU_UTILIZATION", "GPU_MEMORY_USAGE_BYTES", "GPU_MEMORY_REQUEST_BYTES", "CPU_USAGE_CORES", "CPU_REQUEST_CORES",
            "CPU_LIMIT_CORES", "CPU_MEMORY_USAGE_BYTES", "CPU_MEMORY_REQUEST_BYTES", "CPU_MEMORY_LIMIT_BYTES", "POD_COUNT",
            "RUNNING_POD_COUNT", "GPU_ALLOCATION", "NIM_NUM_REQUESTS_RUNNING", "NIM_NUM_REQUESTS_WAITING",
            "NIM_NUM_REQUEST_MAX", "NIM_REQUEST_SUCCESS_TOTAL", "NIM_REQUEST_FAILURE_TOTAL", "NIM_GPU_CACHE_USAGE_PERC",
            "NIM_TIME_TO_FIRST_TOKEN_SECONDS", "NIM_E2E_REQUEST_LATENCY_SECONDS",
            "NIM_TIME_TO_FIRST_TOKEN_SECONDS_PERCENTILES", "NIM_E2E_REQUEST_LATENCY_SECONDS_PERCENTILES",
            "NVLINK_BANDWIDTH_TOTAL");

        /// <summary>The metric types of a pod.</summary>
        public static readonly ApiValueSet PodMetricTypes = new ApiValueSet(
            "pod metric type",
            "GPU_UTILIZATION_PER_GPU", "GPU_UTILIZATION", "GPU_MEMORY_USAGE_BYTES_PER_GPU", "GPU_MEMORY_USAGE_BYTES",
            "CPU_USAGE_CORES", "CPU_MEMORY_USAGE_BYTES", "GPU_GRAPHICS_ENGINE_ACTIVITY_PER_GPU", "GPU_SM_ACTIVITY_PER_GPU",
            "GPU_SM_OCCUPANCY_PER_GPU", "GPU_TENSOR_ACTIVITY_PER_GPU", "GPU_FP64_ENGINE_ACTIVITY_PER_GPU",
            "GPU_FP32_ENGINE_ACTIVITY_PER_GPU", "GPU_FP16_ENGINE_ACTIVITY_PER_GPU",
            "GPU_MEMORY_BANDWIDTH_UTILIZATION_PER_GPU", "GPU_NVLINK_TRANSMITTED_BANDWIDTH_PER_GPU",
            "GPU_NVLINK_RECEIVED_BANDWIDTH_PER_GPU", "GPU_PCIE_TRANSMITTED_BANDWIDTH_PER_GPU",
            "GPU_PCIE_RECEIVED_BANDWIDTH_PER_GPU", "GPU_SWAP_MEMORY_BYTES_PER_GPU");

        /// <summary>What workload telemetry measures.</summary>
        public static readonly ApiValueSet TelemetryTypes = new ApiValueSet(
            "telemetry type", "WORKLOADS_COUNT", "GPU_ALLOCATION", "PENDING_TIME_DISTRIBUTION", "IDLE_ALLOCATED_GPUS");

        /// <summary>What workload telemetry can be grouped by.</summary>
        public static readonly ApiValueSet TelemetryGroupByKeys = new ApiValueSet(
            "telemetry group-by key", "ClusterId", "DepartmentId", "ProjectId", "Type", "CurrentNodepools", "RequestedNodepools", "Phase", "Category");
    }
}
