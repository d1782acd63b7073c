using System;
using System.Text.Json;
using RunAi.Simulator.Hosting;

namespace RunAi.Simulator.Json;

/// <summary>The list envelopes: a page <c>{next?, items[]}</c>, a whole list <c>{items[]}</c>, a count <c>{count}</c>.</summary>
internal static class PageJson
{
    /// <summary>Items offset..offset+limit of total; <c>next</c> is the offset of the following page, absent on the last.</summary>
    public static ApiResult Page(string property, int total, int offset, int limit, Action<Utf8JsonWriter, int> writeItem) => ApiResult.Ok(w =>
    {
        w.WriteStartObject();
        var end = (int)Math.Min(total, (long)offset + limit);
        if (end < total)
        {
            w.WriteNumber("next", end);
        }

        w.WriteStartArray(property);
        for (var k = offset; k < end; k++)
        {
            writeItem(w, k);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>An unpaged list: the items are written by <paramref name="writeItems"/>.</summary>
    public static ApiResult All(string property, Action<Utf8JsonWriter> writeItems) => ApiResult.Ok(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray(property);
        writeItems(w);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static ApiResult Count(long count) => ApiResult.Ok(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("count", count);
        w.WriteEndObject();
    });
}
