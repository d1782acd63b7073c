using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RunAi.Simulator;

/// <summary>A computed response: status, body bytes, content type and headers.</summary>
internal sealed class ApiResult(int status, byte[] body, string contentType = "application/json")
{
    public int Status { get; } = status;

    public byte[] Body { get; } = body;

    public string ContentType { get; } = contentType;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ApiResult Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(w);
        }

        return new ApiResult(status, buffer.WrittenSpan.ToArray());
    }

    public static ApiResult Ok(Action<Utf8JsonWriter> write) => Json(200, write);

    /// <summary>Run:ai error shape <c>{code, message, details}</c>.</summary>
    public static ApiResult Error(int status, string message, string? details = null) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", status);
        w.WriteString("message", message);
        w.WriteString("details", details ?? message);
        w.WriteEndObject();
    });

    public static ApiResult BadRequest(string details) => Error(400, "Bad request", details);

    public static ApiResult NotFound(string details) => Error(404, "Not found", details);

    /// <summary>The cluster-monitor service's error shape <c>{message, error_code, details}</c>.</summary>
    public static ApiResult MonitorError(int status, string errorCode, string message, string? detail = null) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteString("error_code", errorCode);
        w.WriteStartObject("details");
        if (detail is not null)
        {
            w.WriteString("reason", detail);
        }

        w.WriteNumber("status", status);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static ApiResult Text(int status, string body, string contentType) => new(status, Encoding.UTF8.GetBytes(body), contentType);
}

internal static class Iso
{
    public static string Format(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter w, string name, long ticks) => w.WriteString(name, Format(ticks));

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
