using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace RunAi.Simulator.Hosting;

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

    /// <summary>The deprecated cluster API's error shape <c>{code, message}</c>.</summary>
    public static ApiResult LegacyError(int status, string message) => Json(status, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", status);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>Sends the result; the body is cut in half when <see cref="FaultInjector"/> chose this response to truncate.</summary>
    public Task SendAsync(HttpContext ctx)
    {
        var response = ctx.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        var length = FaultInjector.IsTruncated(ctx) ? Body.Length / 2 : Body.Length;
        response.ContentLength = length;
        return response.Body.WriteAsync(Body.AsMemory(0, length), ctx.RequestAborted).AsTask();
    }
}
