using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RunAi.Client
{
    /// <summary>The API's <c>filterBy</c> grammar: <c>field</c> <c>operator</c> <c>value</c>, e.g. <c>phase==Failed</c> or <c>createdAt&gt;=2026-01-01T00:00:00Z</c>.</summary>
    public static class FilterSyntax
    {
        /// <summary>The operators: equals, not equals, at most, at least, contains, does not contain, starts with, ends with.</summary>
        public static readonly IReadOnlyList<string> Operators = new[] { "==", "!=", "<=", ">=", "=@", "!@", "=^", "=$" };

        /// <summary>The fields a workload list can be filtered on (from the OpenAPI document).</summary>
        public static readonly IReadOnlyList<string> WorkloadFields = new[]
        {
            "type", "name", "clusterId", "projectId", "projectName", "departmentId", "departmentName", "createdAt", "deletedAt",
            "submittedBy", "phase", "completedAt", "nodepool", "distributedFramework", "allocatedGPU", "idleGpus", "idleAllocatedGpus",
            "phaseUpdatedAt", "category", "totalPendingTimeSeconds", "totalRunningTimeSeconds", "priority", "priorityClassName",
            "guaranteedRuntimeEndsAt", "aiApplicationId", "aiApplicationName",
        };

        /// <summary>The fields a workload list can be sorted by (from the OpenAPI document).</summary>
        public static readonly IReadOnlyList<string> WorkloadSortFields = new[]
        {
            "type", "name", "clusterId", "projectId", "projectName", "departmentId", "departmentName", "createdAt", "deletedAt",
            "submittedBy", "phase", "completedAt", "nodepool", "distributedFramework", "allocatedGPU", "idleGpus", "idleAllocatedGpus",
            "phaseUpdatedAt", "category", "priority", "totalPendingTimeSeconds", "totalRunningTimeSeconds", "priorityClassName",
            "guaranteedRuntimeEndsAt", "aiApplicationId", "aiApplicationName",
        };

        /// <summary>The fields a pod list or count can be filtered on (from the OpenAPI document).</summary>
        public static readonly IReadOnlyList<string> PodFields = new[]
        {
            "clusterId", "workloadId", "revisionId", "nodeName", "currentNodepool", "createdAt", "completedAt", "deletedAt",
        };

        /// <summary>
        /// Checks <paramref name="expression"/> against the grammar for <paramref name="fields"/>. Returns null when it
        /// is valid, else a sentence saying what is wrong.
        /// </summary>
        public static string? Check(string expression, IReadOnlyList<string> fields)
        {
            if (string.IsNullOrWhiteSpace(expression))
            {
                return "The filter is empty.";
            }

            var pattern = "^(" + string.Join("|", fields.Select(Regex.Escape)) + ")(==|!=|<=|>=|=@|!@|=\\^|=\\$)(.+)$";
            var match = Regex.Match(expression, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (match.Success)
            {
                return null;
            }

            var field = Regex.Match(expression, "^[A-Za-z0-9_]*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Value;
            if (!fields.Contains(field, StringComparer.Ordinal))
            {
                var hint = fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
                return hint != null
                    ? $"Unknown field '{field}' (field names are case-sensitive: did you mean '{hint}'?)."
                    : $"Unknown field '{field}'. Fields: {string.Join(", ", fields)}.";
            }

            return $"Expected '{field}' followed by an operator ({string.Join(" ", Operators)}) and a value, as in '{field}==value'.";
        }
    }
}
