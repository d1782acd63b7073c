using System;
using System.Management.Automation;
using RunAi.Client;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>Refuses a pod <c>-Filter</c> that does not match the API's <c>field-operator-value</c> form, before any request.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePodFilterAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var expression = (element is PSObject wrapped ? wrapped.BaseObject : element) as string ?? Convert.ToString(element, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            var problem = FilterSyntax.Check(expression, FilterSyntax.PodFields);
            if (problem != null)
            {
                throw new ValidationMetadataException($"'{expression}' is not a valid pod filter: {problem}");
            }
        }
    }
}
