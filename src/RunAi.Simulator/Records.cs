using System;
using System.Collections.Generic;

namespace RunAi.Simulator;

/// <summary>A scripted response returned by <see cref="SimulatorOptions.Override"/>.</summary>
public sealed record SimulatedResponse(int StatusCode, string? Body = null, string ContentType = "application/json")
{
    /// <summary>Extra response headers (e.g. Location, Retry-After).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Delay before the status line; honours request abort.</summary>
    public TimeSpan Delay { get; init; }
}

/// <summary>A request as the simulator saw it, with the status code that was sent.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string[]> Query,
    string? Authorization,
    string? Body,
    int StatusCode);
