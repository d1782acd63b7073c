using System.Management.Automation;
using System.Text;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>
    /// Turns a PowerShell wildcard on a field into the closest server-side filter, and a client-side match when
    /// the server's operators cannot say it exactly (e.g. <c>train-*-gpu</c>).
    /// </summary>
    internal sealed class NameFilter
    {
        private NameFilter(string serverExpression, WildcardPattern? clientMatch)
        {
            ServerExpression = serverExpression;
            ClientMatch = clientMatch;
        }

        public string ServerExpression { get; }

        /// <summary>Null when the server filter is exact.</summary>
        public WildcardPattern? ClientMatch { get; }

        public static NameFilter For(string field, string pattern)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                return new NameFilter($"{field}=={WildcardPattern.Unescape(pattern)}", null);
            }

            var inner = pattern.Trim('*');
            if (inner.Length > 0 && !WildcardPattern.ContainsWildcardCharacters(inner))
            {
                var literal = WildcardPattern.Unescape(inner);
                var starts = !pattern.StartsWith("*", System.StringComparison.Ordinal);
                var ends = !pattern.EndsWith("*", System.StringComparison.Ordinal);
                var op = starts ? "=^" : ends ? "=$" : "=@";
                return new NameFilter($"{field}{op}{literal}", null);
            }

            // Narrow on the server by the longest literal run, then match exactly here.
            var longest = LongestLiteral(pattern);
            var match = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return new NameFilter(longest.Length > 0 ? $"{field}=@{longest}" : string.Empty, match);
        }

        private static string LongestLiteral(string pattern)
        {
            var best = string.Empty;
            var current = new StringBuilder();
            var inBracket = false;
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length && !inBracket)
                {
                    current.Append(pattern[++i]);
                    continue;
                }

                if (c == '[')
                {
                    inBracket = true;
                }

                if (inBracket || c == '*' || c == '?')
                {
                    if (current.Length > best.Length)
                    {
                        best = current.ToString();
                    }

                    current.Clear();
                    if (c == ']')
                    {
                        inBracket = false;
                    }

                    continue;
                }

                current.Append(c);
            }

            return current.Length > best.Length ? current.ToString() : best;
        }
    }
}
