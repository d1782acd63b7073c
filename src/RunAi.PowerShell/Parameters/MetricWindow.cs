using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RunAi.Client;
using RunAi.Client.Models;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>
    /// The time window and series of a metrics cmdlet: <c>-Start</c>/<c>-End</c> default to the last hour, an end
    /// before the start is refused before any request, and <c>-Samples</c> is sent only when given.
    /// </summary>
    internal static class MetricWindow
    {
        public static MetricQuery Build(PSCmdlet cmdlet, IEnumerable<string> metricTypes, DateTimeOffset? start, DateTimeOffset? end, int? samples)
        {
            var to = end ?? (start is DateTimeOffset from && from > DateTimeOffset.Now ? from.AddHours(1) : DateTimeOffset.Now);
            var since = start ?? to.AddHours(-1);
            if (to < since)
            {
                cmdlet.ThrowTerminatingError(ErrorMapper.InvalidArgument($"-End ({to:o}) is before -Start ({since:o}). Give an end after the start.", to));
            }

            return new MetricQuery(metricTypes, since, to) { NumberOfSamples = samples };
        }

        /// <summary>
        /// Writes the samples of one answer. A partial answer first warns which requested types are missing, worded from
        /// the status that came back: a 207 is the server saying so, a 200 without some types is not.
        /// </summary>
        public static void Write(PipelineQueue queue, string what, MetricResult result)
        {
            if (result.IsPartial)
            {
                var missing = string.Join(", ", result.MissingTypes);
                queue.WriteWarning(result.StatusCode == 207
                    ? $"The server answered only part of the metrics of {what} (207 partial success){(missing.Length == 0 ? string.Empty : "; missing: " + missing)}."
                    : $"The server answered {result.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)} for the metrics of {what} but left out requested metric types: {missing}.");
            }

            foreach (var sample in result.Samples)
            {
                queue.WriteObject(sample);
            }
        }
    }
}
