using System.Collections.Generic;

namespace RunAi.Client
{
    /// <summary>Sort direction of a list.</summary>
    public enum SortOrder
    {
        Ascending,
        Descending,
    }

    /// <summary>The filters and order of a workload list or count (<c>filterBy</c>, <c>sortBy</c>, <c>sortOrder</c>, <c>search</c>, <c>deleted</c>).</summary>
    public sealed class WorkloadQuery
    {
        /// <summary>Only deleted workloads (<c>deleted=true</c>).</summary>
        public bool Deleted { get; set; }

        /// <summary>A field of the API's sortBy enum, e.g. <c>createdAt</c>.</summary>
        public string? SortBy { get; set; }

        /// <summary>Null leaves the API's default (ascending).</summary>
        public SortOrder? SortOrder { get; set; }

        /// <summary><c>filterBy</c> expressions in the API's <c>field-operator-value</c> form, e.g. <c>phase==Failed</c>.</summary>
        public IList<string> Filters { get; } = new List<string>();

        /// <summary>Free-text search.</summary>
        public string? Search { get; set; }
    }
}
