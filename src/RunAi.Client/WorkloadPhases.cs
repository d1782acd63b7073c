using System;
using System.Collections.Generic;

namespace RunAi.Client
{
    /// <summary>What the API's workload phases mean for someone waiting on them.</summary>
    public static class WorkloadPhases
    {
        /// <summary>The phases a workload does not leave by itself: it ran and ended, or was stopped.</summary>
        public static IReadOnlyCollection<string> Terminal { get; } = new[] { "Completed", "Failed", "Stopped" };

        /// <summary>Whether <paramref name="phase"/> is one of <see cref="Terminal"/> (case-insensitive).</summary>
        public static bool IsTerminal(string? phase)
        {
            foreach (var terminal in Terminal)
            {
                if (string.Equals(terminal, phase, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
