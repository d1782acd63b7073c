using System;
using System.Net.Http;

namespace RunAi.Client.Http
{
    /// <summary>What the handler chain learned about a request, read back when the answer is turned into a result or an error.</summary>
    internal sealed class RequestState
    {
#if NET
        private static readonly HttpRequestOptionsKey<RequestState> Key = new HttpRequestOptionsKey<RequestState>("RunAi.RequestState");
#else
        private const string Key = "RunAi.RequestState";
#endif

        public int Attempts { get; set; }

        /// <summary>Set when a Retry-After was longer than the client is willing to wait.</summary>
        public TimeSpan? RetryAfterRefused { get; set; }

        /// <summary>
        /// True while the attempt waits for an access token (the token endpoint, or another call's renewal of it) before the
        /// request itself leaves; still true after an attempt that timed out there, so the timeout can name the token endpoint.
        /// </summary>
        public bool WaitingForToken { get; set; }

        /// <summary>Why the session's CA bundle did not vouch for the server's certificate, when it did not.</summary>
        public string? CertificateRejection { get; set; }

        public static RequestState Of(HttpRequestMessage request)
        {
#if NET
            if (request.Options.TryGetValue(Key, out var state))
            {
                return state;
            }

            state = new RequestState();
            request.Options.Set(Key, state);
#else
            if (request.Properties.TryGetValue(Key, out var value) && value is RequestState state)
            {
                return state;
            }

            state = new RequestState();
            request.Properties[Key] = state;
#endif
            return state;
        }
    }
}
