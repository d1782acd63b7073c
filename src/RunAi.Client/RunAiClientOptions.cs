using System;
using System.Net;
using RunAi.Client.Authentication;
using RunAi.Client.Http;

namespace RunAi.Client
{
    /// <summary>Where the client connects, how it authenticates, and how patient it is.</summary>
    public sealed class RunAiClientOptions
    {
        /// <summary>The most requests one session's fan-out (a cmdlet's -ThrottleLimit) may have in flight at once.</summary>
        public const int MaxFanOut = 32;

        private Uri? _proxy;

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

        /// <summary>
        /// CA certificates trusted for this session in addition to the system's roots (an internal CA). The server's
        /// chain must end at one of them or at a system root, and the host name must still match.
        /// </summary>
        public CertificateAuthorityBundle? CertificateAuthority { get; set; }

        /// <summary>
        /// The proxy every request goes through (http://host:port; https:// and socks5:// where the runtime supports
        /// them). Null: the system's proxy settings. Credentials go in <see cref="ProxyCredential"/>, never in the address.
        /// An address on this machine never goes through a proxy.
        /// </summary>
        public Uri? Proxy
        {
            get => _proxy;
            set => _proxy = value is null ? null : RequireProxyAddress(value);
        }

        /// <summary>Credentials for the proxy (Basic, or NTLM/Negotiate when the proxy asks for them).</summary>
        public NetworkCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the logged-on user (Windows integrated proxies).</summary>
        public bool ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring <see cref="Proxy"/> and the system's proxy settings.</summary>
        public bool NoProxy { get; set; }

        /// <summary>Allow sending credentials over plain HTTP to a host other than this machine.</summary>
        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>Sent as the User-Agent header.</summary>
        public string UserAgent { get; set; } = "RunAi-PowerShell";

        /// <summary>
        /// The clock of every wait and expiry of the session: retry backoff, attempt timeouts, Retry-After holds and
        /// token renewal. The system clock; tests pass a fake one instead of sleeping.
        /// </summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    
        private static Uri RequireProxyAddress(Uri address)
        {
            var scheme = address.IsAbsoluteUri ? address.Scheme : string.Empty;
            if (scheme != "http" && scheme != "https" && scheme != "socks4" && scheme != "socks4a" && scheme != "socks5")
            {
                throw new ArgumentException($"'{address}' is not a proxy address: write it as http://host:port.");
            }

            if (!string.IsNullOrEmpty(address.UserInfo))
            {
                // Kept out of the address so that it never shows in the session, -Verbose or an error.
                throw new ArgumentException("The proxy address holds a user name or password: pass them as the proxy credential instead.");
            }

            return address;
        }
    }
}
