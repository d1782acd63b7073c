using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RunAi.Client.Json
{
    /// <summary>
    /// Reads a list whose item schema the API documents as <c>nullable</c> (events, extended resources): a null item is a
    /// valid answer that carries nothing, so it is dropped and counted (<see cref="SkippedNullItems"/>). An item that is
    /// present but malformed still fails the read.
    /// </summary>
    internal sealed class NullableItemsConverter<TList, TItem> : JsonConverter<TList>
        where TList : List<TItem>, new()
        where TItem : class
    {
        public override TList? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"Expected an array, found {reader.TokenType}.");
            }

            var itemType = (JsonTypeInfo<TItem>)options.GetTypeInfo(typeof(TItem));
            var list = new TList();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    SkippedNullItems.Add();
                    continue;
                }

                list.Add(JsonSerializer.Deserialize(ref reader, itemType)!);
            }

            return list;
        }

        public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options)
        {
            var itemType = (JsonTypeInfo<TItem>)options.GetTypeInfo(typeof(TItem));
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, itemType);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>
    /// How many null items <see cref="NullableItemsConverter{TList, TItem}"/> dropped during one read. Per thread: an
    /// answer is deserialized from memory in one synchronous call, so the reader counts around that call.
    /// </summary>
    internal static class SkippedNullItems
    {
        [ThreadStatic]
        private static int t_count;

        /// <summary>Starts a count for the read about to run on this thread.</summary>
        public static void Reset() => t_count = 0;

        /// <summary>The nulls dropped since <see cref="Reset"/>.</summary>
        public static int Count => t_count;

        public static void Add() => t_count++;
    }
}
