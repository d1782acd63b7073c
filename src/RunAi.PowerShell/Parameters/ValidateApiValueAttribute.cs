using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using RunAi.Client.Contract;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>Which closed list of the API contract a parameter takes its values from.</summary>
    public enum ApiValueList
    {
        WorkloadSortFields,
        PodSortFields,
        PodVerbosity,
        WorkloadMetricTypes,
        PodMetricTypes,
        TelemetryTypes,
        TelemetryGroupByKeys,
    }

    /// <summary>
    /// Refuses a value that is not in one of the API's closed lists (<see cref="ApiValues"/>), in any letter case, before
    /// any request; <see cref="ApiValueCompleter"/> completes from the same list and help lists it. The client sends each
    /// value in the API's own spelling, so a cmdlet passes on what the user typed.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateApiValueAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateApiValueAttribute(ApiValueList list) => List = list;

        public ApiValueList List { get; }

        /// <summary>The values the parameter accepts, in the API's spelling (help and completion read them).</summary>
        public IReadOnlyList<string> AcceptedValues => Set.Values;

        internal ApiValueSet Set => List switch
        {
            ApiValueList.WorkloadSortFields => ApiValues.WorkloadSortFields,
            ApiValueList.PodSortFields => ApiValues.PodSortFields,
            ApiValueList.PodVerbosity => ApiValues.PodVerbosity,
            ApiValueList.WorkloadMetricTypes => ApiValues.WorkloadMetricTypes,
            ApiValueList.PodMetricTypes => ApiValues.PodMetricTypes,
            ApiValueList.TelemetryTypes => ApiValues.TelemetryTypes,
            _ => ApiValues.TelemetryGroupByKeys,
        };

        protected override void ValidateElement(object element)
        {
            var value = (element is PSObject wrapped ? wrapped.BaseObject : element) as string
                ?? Convert.ToString(element, CultureInfo.InvariantCulture) ?? string.Empty;
            if (!Set.Contains(value))
            {
                throw new ValidationMetadataException($"'{value}' is not a {Set.Description}. Accepted values: {string.Join(", ", Set.Values)}.");
            }
        }
    }
}
