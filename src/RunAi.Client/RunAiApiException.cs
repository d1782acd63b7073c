using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace RunAi.Client
{
    /// <summary>
    /// The one exception the client throws for a failed API call. It carries the method and path (never the
    /// query's secrets or any header), the HTTP status, and the API's own error code, message and details.
    /// </summary>
    [Serializable]
    public sealed class RunAiApiException : Exception
    {
        public RunAiApiException(string message)
            : base(message)
        {
            Method = string.Empty;
            Path = string.Empty;
        }

        public RunAiApiException(string message, Exception innerException)
            : base(message, innerException)
        {
            Method = string.Empty;
            Path = string.Empty;
        }

        public RunAiApiException()
            : this("The Run:ai API call failed.")
        {
        }

        internal RunAiApiException(RunAiFailureKind kind, string method, string path, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
            Method = method;
            Path = path;
        }

        /// <summary>What kind of failure this is.</summary>
        public RunAiFailureKind Kind { get; private set; }

        /// <summary>The HTTP method of the failed call.</summary>
        public string Method { get; private set; }

        /// <summary>The path of the failed call, relative to the base URI, without the query string.</summary>
        public string Path { get; private set; }

        /// <summary>The HTTP status of the last answer, when there was one.</summary>
        public int? StatusCode { get; internal set; }

        /// <summary>The API's error code (<c>code</c> in Run:ai's body, <c>error_code</c> in other services' bodies).</summary>
        public string? ErrorCode { get; internal set; }

        /// <summary>The API's own message, when the body carried one.</summary>
        public string? ApiMessage { get; internal set; }

        /// <summary>The API's details, as text (objects keep their JSON).</summary>
        public string? Details { get; internal set; }

        /// <summary>How many attempts were made before giving up (1 when nothing was retried).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>How long the server asked the client to wait (Retry-After), when it said.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>True when the call was answered by the token endpoint (the credentials, not the request, failed).</summary>
        public bool IsTokenRequest { get; internal set; }

        internal static string Describe(int status)
        {
            var reason = ((HttpStatusCode)status).ToString();
            var words = new StringBuilder();
            for (var i = 0; i < reason.Length; i++)
            {
                // "NotFound" → "Not Found", but "OK" stays "OK".
                var c = reason[i];
                var startsWord = i > 0 && char.IsUpper(c) &&
                    (char.IsLower(reason[i - 1]) || (i + 1 < reason.Length && char.IsLower(reason[i + 1])));
                if (startsWord)
                {
                    words.Append(' ');
                }

                words.Append(c);
            }

            return int.TryParse(reason, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? status.ToString(CultureInfo.InvariantCulture)
                : $"{status.ToString(CultureInfo.InvariantCulture)} {words}";
        }
    }
}
