using System;
using RunAi.Client.Authentication;

namespace RunAi.Client
{
    /// <summary>Where the client connects, how it authenticates, and how patient it is.</summary>
    public sealed class RunAiClientOptions
    {
        public RunAiClientOptions(Uri baseUri, RunAiCredential credential)
        {
            if (baseUri is null)
            {
                throw new ArgumentNullException(nameof(baseUri));
            }

            // Relative request paths resolve against the base; without a trailing slash its last segment would be
            // replaced (https://host/runai + api/v1/… → https://host/api/v1/…).
            BaseUri = baseUri.IsAbsoluteUri && !baseUri.AbsolutePath.EndsWith("/", StringComparison.Ordinal)
                ? new UriBuilder(baseUri) { Path = baseUri.AbsolutePath + "/" }.Uri
                : baseUri;
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
        }

        /// <summary>The control plane's address, e.g. https://mycompany.run.ai/.</summary>
        public Uri BaseUri { get; }

        public RunAiCredential Credential { get; }

        /// <summary>Retries after the first attempt for transient failures (0 disables retries).</summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The first backoff delay; it doubles per retry, with jitter.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest backoff delay between two attempts.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>A Retry-After longer than this is not waited for: the call fails and says how long the server wanted.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>How long one attempt may take until its headers arrive, and again for its body.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>How long one call may take over all its attempts and waits.</summary>
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The largest answer accepted; no page of the API comes near it.</summary>
        public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>Accept any TLS certificate. Only for a server you know (a lab with a self-signed certificate).</summary>
        public bool SkipCertificateCheck { get; set; }

        /// <summary>Allow sending credentials over plain HTTP to a host other than this machine.</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>Sent as the User-Agent header.</summary>
        public string UserAgent { get; set; } = "RunAi-PowerShell";
    }
}
