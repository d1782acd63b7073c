using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunAi.Client.Json
{
    /// <summary>Reads a free-form JSON object into a plain dictionary (see <see cref="PlainJson"/>).</summary>
    internal sealed class PlainObjectConverter : JsonConverter<IReadOnlyDictionary<string, object?>>
    {
        public override IReadOnlyDictionary<string, object?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("Expected a JSON object.");
            }

            return (IReadOnlyDictionary<string, object?>?)PlainJson.Read(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> value, JsonSerializerOptions options) =>
            throw new NotSupportedException("The client only reads these objects.");
    }

    /// <summary>Reads any JSON value (a string or an object) as text: objects keep their raw JSON.</summary>
    internal sealed class JsonAsTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.GetRawText();
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
