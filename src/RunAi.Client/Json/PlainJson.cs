using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using RunAi.Client.Models;

namespace RunAi.Client.Json
{
    /// <summary>
    /// Turns free-form JSON into plain .NET values (dictionaries, arrays, strings, numbers, booleans) so
    /// open-ended fields reach PowerShell without System.Text.Json types.
    /// </summary>
    internal static class PlainJson
    {
        public static IReadOnlyDictionary<string, object?> ToDictionary(IDictionary<string, JsonElement> fields)
        {
            var result = new ValueMap<object?>();
            foreach (var pair in fields)
            {
                result[pair.Key] = ToValue(pair.Value);
            }

            return result;
        }

        public static object? ToValue(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var map = new ValueMap<object?>();
                    foreach (var property in element.EnumerateObject())
                    {
                        map[property.Name] = ToValue(property.Value);
                    }

                    return map;
                case JsonValueKind.Array:
                    var list = new ValueList<object?>();
                    foreach (var item in element.EnumerateArray())
                    {
                        list.Add(ToValue(item));
                    }

                    return list;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    if (element.TryGetInt64(out var whole))
                    {
                        return whole;
                    }

                    return element.TryGetDouble(out var real) ? real : (object)element.GetRawText();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>Reads one JSON value of any shape from a reader into plain values.</summary>
        public static object? Read(ref Utf8JsonReader reader)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return ToValue(document.RootElement);
        }

        /// <summary>Parses a number the API sends as a string ("0.42"); null when it is not a number.</summary>
        public static double? ParseNumber(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
