using System;
using System.Collections.Generic;
using System.Globalization;
using RunAi.Client;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// Tells the user once when polling something starts failing (an outage the watch waits out) and once when it
    /// answers again, rather than a warning every poll for as long as the outage lasts.
    /// </summary>
    internal sealed class PollFailureNotes
    {
        private readonly HashSet<Guid> _failing = new HashSet<Guid>();
        private readonly TimeSpan _interval;

        public PollFailureNotes(TimeSpan interval) => _interval = interval;

        /// <summary>A warning the first time polling <paramref name="id"/> fails in a row, else null.</summary>
        public string? Failed(Guid id, RunAiApiException failure) =>
            _failing.Add(id)
                ? string.Format(CultureInfo.InvariantCulture, "Polling {0} failed ({1}); trying again every {2:0} s.", id, failure.Message, _interval.TotalSeconds)
                : null;

        /// <summary>A verbose line when <paramref name="id"/> answers again after failing, else null.</summary>
        public string? Answered(Guid id) =>
            _failing.Remove(id) ? string.Format(CultureInfo.InvariantCulture, "Polling {0} works again.", id) : null;
    }
}
