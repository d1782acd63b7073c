using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Http
{
    /// <summary>
    /// The session's "not before" time. A 429's Retry-After is the server telling this client to slow down, not one
    /// call: every request of the session waits here until the window has passed, so calls running side by side
    /// (<c>-ThrottleLimit</c>) pause together instead of the others hammering on while one waits.
    /// </summary>
    internal sealed class RetryAfterGate
    {
        /// <summary>Why a call waits at the gate, as progress shows it.</summary>
        internal const string SlowDown = "the server asked this session to slow down (429 Retry-After)";

        private readonly TimeProvider _time;

        // A timestamp of _time (monotonic: a clock change never shortens or stretches the wait); 0 when open.
        private long _notBefore;

        public RetryAfterGate(TimeProvider time) => _time = time;

        /// <summary>Holds every request of the session for <paramref name="wait"/> from now (never shortens a longer hold).</summary>
        public void Defer(TimeSpan wait)
        {
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            var until = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
            var seen = Volatile.Read(ref _notBefore);
            while (seen < until)
            {
                var previous = Interlocked.CompareExchange(ref _notBefore, until, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }

        /// <summary>How long requests must still wait; zero when the gate is open.</summary>
        public TimeSpan Remaining
        {
            get
            {
                var ticks = Volatile.Read(ref _notBefore) - _time.GetTimestamp();
                return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)ticks / _time.TimestampFrequency);
            }
        }

        /// <summary>Returns once the gate is open; a later 429 while waiting extends the wait.</summary>
        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            var remaining = Remaining;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            RunAiDiagnostics.Debug(string.Format(
                CultureInfo.InvariantCulture, "Waiting {0:0.0} s: the server asked this session to slow down (429 Retry-After).", remaining.TotalSeconds));
            while (remaining > TimeSpan.Zero)
            {
                RunAiDiagnostics.Waiting(remaining, SlowDown);
                await Delay(remaining, cancellationToken).ConfigureAwait(false);
                remaining = Remaining;
            }
        }

#if NET8_0_OR_GREATER
        private Task Delay(TimeSpan wait, CancellationToken cancellationToken) => Task.Delay(wait, _time, cancellationToken);
#else
        // Microsoft.Bcl.TimeProvider's extension: the runtime's Task.Delay(TimeSpan, TimeProvider, …) arrived in .NET 8.
        private Task Delay(TimeSpan wait, CancellationToken cancellationToken) => _time.Delay(wait, cancellationToken);
#endif
    }
}
