using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RunAi.Client.Models
{
    /// <summary>
    /// A list property of an API object. It reads as text in one cell (<c>a, b, c</c>), so <c>Export-Csv</c> and
    /// <c>Format-Table</c> show its items rather than a .NET type name.
    /// </summary>
    public sealed class ValueList<T> : List<T>
    {
        public ValueList()
        {
        }

        public ValueList(IEnumerable<T> items)
            : base(items)
        {
        }

        public override string ToString() => string.Join(", ", this.Select(item => InvariantText.Of(item, CultureInfo.InvariantCulture)));
    }

    /// <summary>A map property of an API object (labels, environment variables); reads as <c>key=value; key=value</c>.</summary>
    public sealed class ValueMap<TValue> : Dictionary<string, TValue>
    {
        public ValueMap()
            : base(System.StringComparer.Ordinal)
        {
        }

        public ValueMap(IEnumerable<KeyValuePair<string, TValue>> pairs)
            : base(System.StringComparer.Ordinal)
        {
            foreach (var pair in pairs)
            {
                this[pair.Key] = pair.Value;
            }
        }

        public override string ToString() =>
            string.Join("; ", this.Select(pair => pair.Key + "=" + InvariantText.Of(pair.Value, CultureInfo.InvariantCulture)));
    }

    /// <summary>A value as text in <c>provider</c>'s format (named so it never hides System.Convert).</summary>
    internal static class InvariantText
    {
        public static string? Of(object? value, System.IFormatProvider provider) => value switch
        {
            null => string.Empty,
            System.IFormattable formattable => formattable.ToString(null, provider),
            _ => value.ToString(),
        };
    }
}
