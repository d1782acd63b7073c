using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace RunAi.Client.Contract
{
    /// <summary>The API's <c>filterBy</c> grammar: <c>field</c> <c>operator</c> <c>value</c>, e.g. <c>phase==Failed</c> or <c>createdAt&gt;=2026-01-01T00:00:00Z</c>.</summary>
    public static class FilterSyntax
    {
        // Built from the operator list, so the grammar and ApiValues.FilterOperators cannot drift apart.
        private static readonly string OperatorPattern = "(" + string.Join("|", ApiValues.FilterOperators.Values.Select(Regex.Escape)) + ")";

        /// <summary>
        /// Checks <paramref name="expression"/> against the grammar for <paramref name="fields"/>. Returns null when it
        /// is valid, else a sentence saying what is wrong.
        /// </summary>
        public static string? Check(string expression, ApiValueSet fields)
        {
            if (fields is null)
            {
                throw new ArgumentNullException(nameof(fields));
            }

            if (string.IsNullOrWhiteSpace(expression))
            {
                return "The filter is empty.";
            }

            var pattern = "^(" + string.Join("|", fields.Values.Select(Regex.Escape)) + ")" + OperatorPattern + "(.+)$";
            if (Regex.IsMatch(expression, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                return null;
            }

            var field = Regex.Match(expression, "^[A-Za-z0-9_]*", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Value;
            if (!fields.Values.Contains(field, StringComparer.Ordinal))
            {
                // Field names in an expression are the server's, letter case included: name the right spelling.
                return fields.Contains(field)
                    ? $"Unknown field '{field}' (field names are case-sensitive: did you mean '{fields.Canonical(field)}'?)."
                    : $"Unknown field '{field}'. Fields: {string.Join(", ", fields.Values)}.";
            }

            return $"Expected '{field}' followed by an operator ({string.Join(" ", ApiValues.FilterOperators.Values)}) and a value, as in '{field}==value'.";
        }
    }
}
