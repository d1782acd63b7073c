using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using RunAi.Client;

namespace RunAi.PowerShell.Json
{
    /// <summary>
    /// Converts between PowerShell values and the client's plain JSON values: answers become PSObjects with note
    /// properties and object[] arrays (what ConvertFrom-Json gives); request bodies and query values go the other way.
    /// </summary>
    internal static class PowerShellJson
    {
        private const int MaxDepth = 32;

        /// <summary>A plain JSON value (dictionary, array, scalar) as PowerShell objects.</summary>
        public static object? ToPowerShell(object? plain)
        {
            switch (plain)
            {
                case IReadOnlyDictionary<string, object?> map:
                    var result = new PSObject();
                    foreach (var pair in map)
                    {
                        result.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
                    }

                    return result;
                case IReadOnlyList<object?> list:
                    return list.Select(ToPowerShell).ToArray();
                default:
                    return plain;
            }
        }

        /// <summary>A PowerShell value (hashtable, PSCustomObject, array, scalar, any .NET object) as plain values for JSON.</summary>
        public static object? ToPlain(object? value, int depth = 0)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException($"The body is nested more than {MaxDepth} levels deep.");
            }

            var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (unwrapped)
            {
                case null:
                    return null;
                case string or char or bool or Guid or DateTime or DateTimeOffset or Enum:
                    return unwrapped;
                case IDictionary map:
                    var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in map)
                    {
                        dictionary[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                    }

                    return dictionary;
                case IEnumerable list:
                    return list.Cast<object?>().Select(item => ToPlain(item, depth + 1)).ToList();
                case PSCustomObject:
                    return Properties((PSObject)value!, depth);
            }

            return unwrapped.GetType().IsPrimitive || unwrapped is decimal ? unwrapped : Properties(PSObject.AsPSObject(unwrapped), depth);
        }

        /// <summary>A query value as text: switches and booleans as <c>true</c>/<c>false</c>, dates in ISO 8601.</summary>
        public static string ToQueryText(object? value)
        {
            var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
            return unwrapped switch
            {
                null => string.Empty,
                bool flag => flag ? "true" : "false",
                SwitchParameter flag => flag.IsPresent ? "true" : "false",
                DateTime date => QueryText.Of(date),
                DateTimeOffset moment => QueryText.Of(moment),
                Guid id => id.ToString("D"),
                _ => Convert.ToString(unwrapped, CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }

        /// <summary>Query pairs from a hashtable; an array value gives one pair per item (the client joins them into one comma-separated value).</summary>
        public static List<KeyValuePair<string, string>> ToQuery(IDictionary? query)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (query is null)
            {
                return pairs;
            }

            foreach (DictionaryEntry entry in query)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (value is IEnumerable list && value is not string)
                {
                    pairs.AddRange(list.Cast<object?>().Select(item => new KeyValuePair<string, string>(key, ToQueryText(item))));
                }
                else
                {
                    pairs.Add(new KeyValuePair<string, string>(key, ToQueryText(value)));
                }
            }

            return pairs;
        }

        private static Dictionary<string, object?> Properties(PSObject source, int depth)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in source.Properties.Where(p => p.IsGettable))
            {
                result[property.Name] = ToPlain(property.Value, depth + 1);
            }

            return result;
        }
    }
}
