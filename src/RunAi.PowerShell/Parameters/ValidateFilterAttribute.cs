using System;
using System.Globalization;
using System.Management.Automation;
using RunAi.Client;

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

        protected override void ValidateElement(object element)
        {
            var expression = (element is PSObject wrapped ? wrapped.BaseObject : element) as string
                ?? Convert.ToString(element, CultureInfo.InvariantCulture) ?? string.Empty;
            var (fields, what) = Target == FilterTarget.Pod
                ? (FilterSyntax.PodFields, "pod filter")
                : (FilterSyntax.WorkloadFields, "filter");
            var problem = FilterSyntax.Check(expression, fields);
            if (problem != null)
            {
                throw new ValidationMetadataException($"'{expression}' is not a valid {what}: {problem}");
            }
        }
    }
}
