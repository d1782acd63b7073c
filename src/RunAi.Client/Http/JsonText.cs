using System;
using System.Text.Json;

namespace RunAi.Client.Http
{
    /// <summary>Checks on a JSON body held in memory, before it is deserialized.</summary>
    internal static class JsonText
    {
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

        public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) =>
            json.StartsWith(Bom) ? json.Slice(Bom.Length) : json;

        /// <summary>
        /// Throws a <see cref="JsonException"/> for an escaped string that cannot become text (a lone surrogate such as
        /// <c>"\ud800"</c>). System.Text.Json only notices when the string is read, and for unknown fields that is when
        /// a script reads the property, long after the answer was accepted.
        /// </summary>
        public static void RequireReadableStrings(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if ((reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.PropertyName) && reader.ValueIsEscaped)
                {
                    try
                    {
                        _ = reader.GetString();
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new JsonException($"A string at byte {reader.TokenStartIndex} is not valid text: {ex.Message}", null, null, reader.TokenStartIndex, ex);
                    }
                }
            }
        }
    }
}
