using System.Globalization;
using System.Linq;
using RunAi.Simulator;

namespace RunAi.Tests.Servers;

/// <summary>What the tests read off a request the simulator recorded.</summary>
internal static class RecordedRequestExtensions
{
    /// <summary>The request's <c>offset</c> query value (a list request always sends one).</summary>
    public static long Offset(this RecordedRequest request) => long.Parse(request.Query["offset"].Single(), CultureInfo.InvariantCulture);
}
