using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using RunAi.Client;
using RunAi.Client.Contract;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>What a <c>-Filter</c> filters, which decides the fields its expressions may name.</summary>
    public enum FilterTarget
    {
        Workload,
        Pod,
    }

    /// <summary>Refuses a <c>-Filter</c> that does not match the API's <c>field-operator-value</c> form, before any request.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateFilterAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateFilterAttribute(FilterTarget target) => Target = target;

        public FilterTarget Target { get; }

        /// <summary>The fields an expression may name (help lists them, so they are written only in the client).</summary>
        public IReadOnlyList<string> Fields => FieldSet.Values;

        /// <summary>The operators an expression may use.</summary>
        public static IReadOnlyList<string> Operators => ApiValues.FilterOperators.Values;

        private ApiValueSet FieldSet => Target == FilterTarget.Pod ? ApiValues.PodFilterFields : ApiValues.WorkloadFilterFields;

        protected override void ValidateElement(object element)
        {
            var expression = (element is PSObject wrapped ? wrapped.BaseObject : element) as string
                ?? Convert.ToString(element, CultureInfo.InvariantCulture) ?? string.Empty;
            var what = Target == FilterTarget.Pod ? "pod filter" : "filter";
            var problem = FilterSyntax.Check(expression, FieldSet);
            if (problem != null)
            {
                throw new ValidationMetadataException($"'{expression}' is not a valid {what}: {problem}");
            }
        }
    }
}
