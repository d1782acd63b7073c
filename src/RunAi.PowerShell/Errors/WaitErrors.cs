using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using RunAi.Client.Models;
using RunAi.Client.Watching;

namespace RunAi.PowerShell.Errors
{
    /// <summary>The errors of a wait that did not end in a wanted phase; the target is always the workload's id.</summary>
    internal static class WaitErrors
    {
        /// <summary>It ended (Failed, Completed, Stopped) or was deleted elsewhere: the message names the phase and the API's reason.</summary>
        public static ErrorRecord EndedInUnwantedPhase(WorkloadWaitUpdate update, string wanted)
        {
            var workload = update.Workload!;
            var how = workload.DeletedAt != null
                ? string.Format(CultureInfo.InvariantCulture, "was deleted (phase {0})", workload.Phase)
                : "ended in phase " + workload.Phase;
            var message = string.Format(CultureInfo.InvariantCulture, "Workload {0} {1} instead of reaching {2}{3}", Describe(update), how, wanted, Reason(workload));
            return new ErrorRecord(new InvalidOperationException(message), ErrorIds.WorkloadEndedInUnwantedPhase, ErrorCategory.InvalidResult, update.WorkloadId)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = EventsHint(update.WorkloadId) },
            };
        }

        /// <summary>The timeout came first: the message names the phase it was still in.</summary>
        public static ErrorRecord Timeout(WorkloadWaitUpdate update, string wanted)
        {
            var still = update.Workload is { } workload
                ? "was still " + workload.Phase
                : "could not be read";
            var message = string.Format(CultureInfo.InvariantCulture, "Workload {0} {1} after {2:0} s of waiting for {3}.", Describe(update), still, update.Waited.TotalSeconds, wanted);
            if (update.Failure != null)
            {
                message += " The last poll failed: " + update.Failure.Message;
            }

            return new ErrorRecord(new TimeoutException(message), ErrorIds.WaitTimeout, ErrorCategory.OperationTimeout, update.WorkloadId)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Wait longer with -TimeoutSec (-1 waits without a limit). " + EventsHint(update.WorkloadId) },
            };
        }

        private static string Describe(WorkloadWaitUpdate update) =>
            update.Workload?.Name is { Length: > 0 } name ? string.Format(CultureInfo.InvariantCulture, "'{0}' ({1})", name, update.WorkloadId) : update.WorkloadId.ToString();

        /// <summary>": the phase message (reason: the condition's reason)", from what the API gives.</summary>
        private static string Reason(Workload workload)
        {
            var condition = workload.Conditions?.FirstOrDefault(c => !string.IsNullOrEmpty(c.Reason) && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase));
            var text = workload.PhaseMessage;
            if (condition?.Reason is string reason)
            {
                text = string.IsNullOrEmpty(text) ? "reason: " + reason : text + " (reason: " + reason + ")";
            }

            return string.IsNullOrEmpty(text) ? "." : ": " + text + ".";
        }

        private static string EventsHint(Guid workloadId) =>
            string.Format(CultureInfo.InvariantCulture, "Get-RunAiWorkloadEvent -WorkloadId {0} shows what happened to it.", workloadId);
    }
}
