namespace RunAi.Client.Watching
{
    /// <summary>Which failed polls a watch outlives: an outage may pass before the next poll, a refusal will not.</summary>
    internal static class WatchFailure
    {
        /// <summary>No answer, or 408/429/5xx after the client's own retries: worth polling again at the next interval.</summary>
        public static bool IsTransient(RunAiApiException failure)
        {
            switch (failure.Kind)
            {
                case RunAiFailureKind.Transport:
                case RunAiFailureKind.Timeout:
                case RunAiFailureKind.ProxyUnreachable:
                    return true;
                case RunAiFailureKind.HttpStatus:
                    var status = failure.StatusCode ?? 0;
                    return status == 408 || status == 429 || status >= 500;
                default:
                    return false;
            }
        }
    }
}
