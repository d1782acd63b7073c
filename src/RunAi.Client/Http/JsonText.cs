using System;
using System.Text.Json;

namespace RunAi.Client.Http
{
    /// <summary>Checks on a JSON body held in memory, before it is deserialized.</summary>
    internal static class JsonText
    {
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
        private static readonly byte[] EscapedU = { (byte)'\\', (byte)'u' };

        public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) =>
            json.StartsWith(Bom) ? json.Slice(Bom.Length) : json;

        /// <summary>
        /// Throws a <see cref="JsonException"/> for an escaped string that cannot become text (a lone surrogate such as
        /// <c>"\ud800"</c>). System.Text.Json only notices when the string is read, and for unknown fields that is when
        /// a script reads the property, long after the answer was accepted.
        /// </summary>
        public static void RequireReadableStrings(ReadOnlySpan<byte> json)
        {
            if (!MayHoldEscapedSurrogate(json))
            {
                return;
            }

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

        /// <summary>
        /// True for a body that is JSON so far but stops before its value is complete (<c>{"items":[{"id":"a"},</c>):
        /// cut short, rather than wrong. False for a complete value, for an empty body and for one that is not JSON
        /// (an HTML page fails at its first byte), whatever follows. One pass of the reader, stopping at the first
        /// byte that is not JSON; only a body that ran out is read a second time, to tell a complete top-level number
        /// (which the first pass cannot end) from a cut one.
        /// </summary>
        public static bool EndsEarly(ReadOnlySpan<byte> json)
        {
            json = WithoutBom(json);
            var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
            try
            {
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }
                }
            }
            catch (JsonException)
            {
                return false;
            }

            if (IsWhitespace(json))
            {
                return false;
            }

            var complete = new Utf8JsonReader(json);
            try
            {
                while (complete.Read())
                {
                }

                return false;
            }
            catch (JsonException)
            {
                return true;
            }
        }

        private static bool IsWhitespace(ReadOnlySpan<byte> json)
        {
            foreach (var b in json)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Only an escaped surrogate (<c>\uD800</c> to <c>\uDFFF</c>) can fail to become text, and it is written with
        /// <c>\ud</c> or <c>\uD</c>. Most pages hold none, and looking for those bytes costs a small part of reading
        /// every token, which doubled the time spent in the JSON reader.
        /// </summary>
        private static bool MayHoldEscapedSurrogate(ReadOnlySpan<byte> json)
        {
            var rest = json;
            int at;
            while ((at = rest.IndexOf(EscapedU)) >= 0)
            {
                if (at + 2 < rest.Length && (rest[at + 2] == (byte)'d' || rest[at + 2] == (byte)'D'))
                {
                    return true;
                }

                rest = rest.Slice(at + 2);
            }

            return false;
        }
    }
}
