using System;
using System.Globalization;
using System.Text.Json;

namespace RunAi.Simulator.Json;

/// <summary>Date-times as the API writes them (UTC, milliseconds, 'Z') and reads them (any ISO 8601, UTC assumed).</summary>
internal static class IsoTime
{
    public static string Format(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter w, string name, long ticks) => w.WriteString(name, Format(ticks));

    /// <summary>Writes null for 0 (the data set's "no time").</summary>
    public static void WriteNullable(Utf8JsonWriter w, string name, long ticks)
    {
        if (ticks == 0)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, Format(ticks));
        }
    }

    public static bool TryParse(string s, out long ticks)
    {
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var d))
        {
            ticks = d.UtcTicks;
            return true;
        }

        ticks = 0;
        return false;
    }
}
