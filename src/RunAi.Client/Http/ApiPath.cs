using System;

namespace RunAi.Client.Http
{
    /// <summary>The API's paths, relative to the base address; ids are written one way (<c>D</c> format) and every other segment is escaped.</summary>
    internal static class ApiPath
    {
        public const string Token = "api/v1/token";
        public const string Workloads = "api/v1/workloads";
        public const string Pods = Workloads + "/pods";
        public const string Telemetry = Workloads + "/telemetry";
        private const string Inferences = Workloads + "/inferences";
        private const string Revisions = Inferences + "/revisions";

        /// <summary><c>api/v1/workloads/{workloadId}</c>, then <paramref name="rest"/> (e.g. <c>events</c>, <c>elements/count</c>).</summary>
        public static string Workload(Guid workloadId, string? rest = null) => Under(Workloads, workloadId, rest);

        /// <summary><c>api/v1/workloads/{workloadId}/pods/{podId}</c>, then <paramref name="rest"/>.</summary>
        public static string WorkloadPod(Guid workloadId, Guid podId, string? rest = null) => Under(Workload(workloadId, "pods"), podId, rest);

        /// <summary><c>api/v1/workloads/inferences/{workloadId}</c>, then <paramref name="rest"/>.</summary>
        public static string Inference(Guid workloadId, string? rest = null) => Under(Inferences, workloadId, rest);

        /// <summary><c>api/v1/workloads/inferences/revisions/{revisionId}</c>, then <paramref name="rest"/>.</summary>
        public static string Revision(Guid revisionId, string? rest = null) => Under(Revisions, revisionId, rest);

        /// <summary>The deprecated <c>v1/k8s/clusters/{clusterId}/pods</c>.</summary>
        public static string ClusterPods(Guid clusterId) => Under("v1/k8s/clusters", clusterId, "pods");

        public static string Segment(Guid id) => id.ToString("D");

        private static string Under(string parent, Guid id, string? rest) =>
            parent + "/" + Segment(id) + (rest is null ? string.Empty : "/" + rest);
    }
}
