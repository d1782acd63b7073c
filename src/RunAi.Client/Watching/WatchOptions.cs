using System;

namespace RunAi.Client.Watching
{
    /// <summary>How often a watch polls and how long it may last.</summary>
    public sealed class WatchOptions
    {
        /// <summary>The shortest interval the API is polled at.</summary>
        public static readonly TimeSpan MinimumPollInterval = TimeSpan.FromSeconds(1);

        private TimeSpan _pollInterval = TimeSpan.FromSeconds(5);

        /// <summary>The time between two polls (default 5 s, at least <see cref="MinimumPollInterval"/>).</summary>
        public TimeSpan PollInterval
        {
            get => _pollInterval;
            set => _pollInterval = value >= MinimumPollInterval
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The poll interval must be at least 1 second.");
        }

        /// <summary>How long the watch may last from its first poll; null = until it ends by itself or is cancelled.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>The clock polls are timed by; tests pass a fake one to run through many polls without waiting.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    }
}
