using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using RunAi.Client;
using RunAi.Client.Paging;
using RunAi.PowerShell.Errors;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>
    /// Checks the list parameters the API would misread, before any request: a filter value with a comma (filterBy is one
    /// comma-separated list, so the server would read two filters) and offsets past the API's int32. Each refusal is a
    /// terminating InvalidArgument error whose TargetObject is the value the user gave.
    /// </summary>
    internal static class ListInput
    {
        /// <summary>
        /// Adds the filterBy expression that <paramref name="parameter"/> made of <paramref name="value"/>, or refuses it
        /// when it holds a comma.
        /// </summary>
        public static void AddFilter(PSCmdlet cmdlet, IList<string> filters, string expression, string parameter, object value)
        {
            var problem = FormStyle.CommaProblem("filterBy", expression);
            if (problem != null)
            {
                var source = Equals(value, expression) ? $"-{parameter}: " : $"-{parameter} '{value}' makes the filter '{expression}': ";
                Refuse(cmdlet, source + problem, value);
            }

            filters.Add(expression);
        }

        /// <summary>
        /// Refuses a -Name-style pattern that cannot be what the user meant, before any request: a control character
        /// (a newline pasted in) or a wildcard PowerShell cannot read (an unclosed '[').
        /// </summary>
        public static void RequireValidWildcard(PSCmdlet cmdlet, string parameter, string pattern)
        {
            foreach (var c in pattern)
            {
                if (char.IsControl(c))
                {
                    Refuse(cmdlet, string.Format(CultureInfo.InvariantCulture, "-{0} holds a control character (U+{1:X4}); no name has one.", parameter, (int)c), pattern);
                }
            }

            if (!WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                return;
            }

            try
            {
                _ = new WildcardPattern(pattern).IsMatch(string.Empty);
            }
            catch (WildcardPatternException ex)
            {
                Refuse(cmdlet, $"-{parameter} '{pattern}' is not a valid wildcard pattern: {ex.Message} Escape a literal '[' or '*' with a backtick (`[).", pattern);
            }
        }

        /// <summary>Refuses one item of an array query value that holds a comma (it would be sent as one comma-separated value).</summary>
        public static void RequireNoComma(PSCmdlet cmdlet, string key, string item)
        {
            var problem = FormStyle.CommaProblem(key, item);
            if (problem != null)
            {
                Refuse(cmdlet, $"-Query {key}: " + problem, item);
            }
        }

        /// <summary>
        /// -First/-Skip as the client's paging options. A -Skip past the largest offset the API takes, or a -Skip and -First
        /// whose last item lies past it, is refused: the request would carry an offset the API cannot read.
        /// </summary>
        public static PagingOptions Paging(PSCmdlet cmdlet, PagingParameters? paging, int pageSize)
        {
            var options = new PagingOptions { PageSize = pageSize };
            if (paging is null)
            {
                return options;
            }

            var skip = paging.Skip;
            var first = paging.First == ulong.MaxValue ? (ulong?)null : paging.First;
            if (skip > PagingOptions.MaxOffset)
            {
                Refuse(cmdlet, string.Format(CultureInfo.InvariantCulture, "-Skip {0} is past the largest offset the API takes ({1}).", skip, PagingOptions.MaxOffset), skip);
            }

            if (first is ulong count && count > 0 && count - 1 > (ulong)PagingOptions.MaxOffset - skip)
            {
                Refuse(cmdlet, string.Format(
                    CultureInfo.InvariantCulture,
                    "-Skip {0} with -First {1} reaches offset {2}, past the largest offset the API takes ({3}). Ask for fewer items or skip fewer.",
                    skip, count, (decimal)skip + count - 1, PagingOptions.MaxOffset), skip);
            }

            options.Skip = (long)skip;
            options.First = first is ulong most ? (long)Math.Min(most, long.MaxValue) : (long?)null;
            return options;
        }

        /// <summary>
        /// Refuses -First, -Skip and -IncludeTotalCount where they cannot apply (<paramref name="where"/>, e.g. workloads
        /// got by id), rather than quietly ignoring them: a script that asked for one item must not get two.
        /// </summary>
        public static void RefusePaging(PSCmdlet cmdlet, PagingParameters? paging, string where)
        {
            if (paging is null)
            {
                return;
            }

            var given = new List<(string Text, object Value)>();
            if (paging.First != ulong.MaxValue)
            {
                given.Add(("-First " + paging.First.ToString(CultureInfo.InvariantCulture), paging.First));
            }

            if (paging.Skip != 0)
            {
                given.Add(("-Skip " + paging.Skip.ToString(CultureInfo.InvariantCulture), paging.Skip));
            }

            if (paging.IncludeTotalCount)
            {
                given.Add(("-IncludeTotalCount", true));
            }

            if (given.Count > 0)
            {
                Refuse(cmdlet, string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} cannot apply {1}. Leave {2} out, or take part of the output with Select-Object -First/-Skip.",
                    string.Join(" and ", given.Select(g => g.Text)), where, given.Count == 1 ? "it" : "them"), given[0].Value);
            }
        }

        private static void Refuse(PSCmdlet cmdlet, string message, object target) =>
            cmdlet.ThrowTerminatingError(ErrorMapper.InvalidArgument(message, target));
    }
}
