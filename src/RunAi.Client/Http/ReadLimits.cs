using System;

namespace RunAi.Client.Http
{
    internal sealed class ReadLimits
    {
        public ReadLimits(long maxResponseBytes, TimeSpan bodyTimeout)
        {
            MaxResponseBytes = maxResponseBytes;
            BodyTimeout = bodyTimeout;
        }

        public long MaxResponseBytes { get; }

        public TimeSpan BodyTimeout { get; }
    }
}
