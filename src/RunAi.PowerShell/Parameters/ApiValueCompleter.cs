using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>
    /// Tab completion for parameters marked <see cref="ValidateApiValueAttribute"/>: the values of that parameter's list,
    /// read from the attribute itself, so completion, validation and help share one list.
    /// </summary>
    public sealed class ApiValueCompleter : IArgumentCompleter
    {
        private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> ValuesByParameter =
            new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return ValuesFor(commandName, parameterName)
                .Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }

        private static IReadOnlyList<string> ValuesFor(string commandName, string parameterName) =>
            ValuesByParameter.GetOrAdd(commandName + "|" + parameterName, _ =>
            {
                var cmdlet = typeof(ApiValueCompleter).Assembly.GetTypes().FirstOrDefault(t =>
                    t.GetCustomAttribute<CmdletAttribute>() is CmdletAttribute c &&
                    string.Equals(c.VerbName + "-" + c.NounName, commandName, StringComparison.OrdinalIgnoreCase));
                var property = cmdlet?.GetProperties().FirstOrDefault(p =>
                    string.Equals(p.Name, parameterName, StringComparison.OrdinalIgnoreCase) ||
                    (p.GetCustomAttribute<AliasAttribute>()?.AliasNames.Contains(parameterName, StringComparer.OrdinalIgnoreCase) ?? false));
                return property?.GetCustomAttribute<ValidateApiValueAttribute>()?.AcceptedValues ?? Array.Empty<string>();
            });
    }
}
