using System;

namespace RunAi.Client.Diagnostics
{
    /// <summary>
    /// Optionally implemented by an <see cref="IRunAiDiagnosticsListener"/> that shows progress: told when a call waits
    /// before its next attempt, so a caller can say why nothing arrives instead of showing a count that stands still.
    /// </summary>
    public interface IRunAiWaitListener
    {
        /// <summary>
        /// The call waits <paramref name="wait"/> from now. <paramref name="reason"/> reads after "Waiting 57 s: ", e.g.
        /// "the server asked this session to slow down (429 Retry-After)". A later call replaces the wait.
        /// </summary>
        void Waiting(TimeSpan wait, string reason);
    }
}
