using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>Completes <c>-Type</c> with the common workload types (the API accepts others too).</summary>
    public sealed class WorkloadTypeCompleter : IArgumentCompleter
    {
        private static readonly string[] Known = { "Training", "Workspace", "Inference", "Distributed" };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Known.Where(t => t.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
                .Select(t => new CompletionResult(t, t, CompletionResultType.ParameterValue, t));
    }
}
