using System;
using RunAi.Simulator.Hosting;

namespace RunAi.Simulator.Endpoints;

/// <summary>
/// Thrown while reading a request that cannot be answered (a bad parameter, an unknown id). It carries the error
/// answer in the shape of the service asked (Run:ai's unless said otherwise); <see cref="ApiEndpoints"/> sends it.
/// </summary>
internal sealed class RequestRejectedException : Exception
{
    private RequestRejectedException(string details, ApiResult answer)
        : base(details)
    {
        Answer = answer;
    }

    public ApiResult Answer { get; }

    public static RequestRejectedException BadRequest(string details) => new(details, ApiResult.Error(400, "Bad request", details));

    public static RequestRejectedException NotFound(string details) => new(details, ApiResult.NotFound(details));

    /// <summary>The cluster-monitor service's error (<c>{message, error_code, details}</c>).</summary>
    public static RequestRejectedException ByClusterMonitor(int status, string errorCode, string message, string? reason = null)
        => new(message, ApiResult.MonitorError(status, errorCode, message, reason));

    /// <summary>The deprecated cluster API's error (<c>{code, message}</c>).</summary>
    public static RequestRejectedException ByLegacyClusterApi(int status, string message) => new(message, ApiResult.LegacyError(status, message));
}
