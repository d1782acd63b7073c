using System;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Client.Watching
{
    /// <summary>The time a watch has run and its wait until the next poll, on the options' clock.</summary>
    internal sealed class PollClock
    {
        private readonly WatchOptions _options;
        private readonly long _started;

        public PollClock(WatchOptions options)
        {
            _options = options;
            _started = options.TimeProvider.GetTimestamp();
        }

        public TimeSpan Elapsed => _options.TimeProvider.GetElapsedTime(_started);

        /// <summary>The timeout has passed.</summary>
        public bool IsOver => _options.Timeout is TimeSpan timeout && Elapsed >= timeout;

        /// <summary>
        /// Waits one poll interval, or less when the timeout comes first, so the last poll happens at the timeout and a
        /// timeout is reported in time.
        /// </summary>
        public Task WaitForNextPollAsync(CancellationToken cancellationToken)
        {
            var wait = _options.PollInterval;
            if (_options.Timeout is TimeSpan timeout)
            {
                var left = timeout - Elapsed;
                wait = left < wait ? left : wait;
            }

            if (wait <= TimeSpan.Zero)
            {
                return Task.CompletedTask;
            }

#if NET8_0_OR_GREATER
            return Task.Delay(wait, _options.TimeProvider, cancellationToken);
#else
            // Microsoft.Bcl.TimeProvider's extension: the runtime's Task.Delay(TimeSpan, TimeProvider, …) arrived in .NET 8.
            return _options.TimeProvider.Delay(wait, cancellationToken);
#endif
        }
    }
}
