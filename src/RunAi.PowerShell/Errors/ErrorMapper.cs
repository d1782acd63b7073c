using System;
using System.Management.Automation;
using RunAi.Client;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Errors
{
    /// <summary>Turns client failures into ErrorRecords with a stable id, the category a script can act on, and the input that failed.</summary>
    internal static class ErrorMapper
    {
        /// <summary>Input refused before anything is sent: InvalidArgument, with the offending value as the target.</summary>
        public static ErrorRecord InvalidArgument(string message, object? target) =>
            InvalidArgument(new ArgumentException(message), target);

        /// <summary>Input refused before anything is sent, for an <paramref name="exception"/> that already says why.</summary>
        public static ErrorRecord InvalidArgument(Exception exception, object? target) =>
            new ErrorRecord(exception, ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, target);

        public static ErrorRecord ToErrorRecord(RunAiApiException failure, object? target, RunAiSession session)
        {
            // A static JWT whose exp claim has passed explains a 401 even when the server's message does not.
            var tokenExpired = !session.RenewsToken && session.TokenExpiresAt is DateTimeOffset expiry && expiry <= DateTimeOffset.Now;
            var renewableCredential = session.RenewsToken;
            var (id, category) = Classify(failure, tokenExpired);
            var record = new ErrorRecord(failure, id, category, target);
            var advice = Advice(failure, id, renewableCredential, session.BaseUri) ?? NetworkAdvice(id, session);
            if (advice != null)
            {
                record.ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = advice };
            }

            return record;
        }

        public static (string Id, ErrorCategory Category) Classify(RunAiApiException failure, bool tokenExpired = false)
        {
            switch (failure.Kind)
            {
                case RunAiFailureKind.Transport:
                    return (ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError);
                case RunAiFailureKind.Certificate:
                    return (ErrorIds.CertificateNotTrusted, ErrorCategory.SecurityError);
                case RunAiFailureKind.TlsHandshake:
                    return (ErrorIds.TlsHandshakeFailed, ErrorCategory.SecurityError);
                case RunAiFailureKind.Timeout:
                    return (ErrorIds.Timeout, ErrorCategory.OperationTimeout);
                case RunAiFailureKind.InvalidResponse:
                    return (ErrorIds.InvalidResponse, ErrorCategory.ParserError);
                case RunAiFailureKind.PagingFault:
                    return (ErrorIds.PagingFault, ErrorCategory.ProtocolError);
                case RunAiFailureKind.ProxyAuthentication:
                    return (ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError);
                case RunAiFailureKind.ProxyUnreachable:
                    return (ErrorIds.ProxyUnreachable, ErrorCategory.ConnectionError);
            }

            var status = failure.StatusCode ?? 0;
            if (status == 407)
            {
                // A plain-HTTP request answered by the proxy itself (HTTPS gets its 407 on the CONNECT tunnel).
                return (ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError);
            }

            if (failure.IsTokenRequest && status >= 400 && status < 500)
            {
                return (ErrorIds.TokenRequestRejected, ErrorCategory.AuthenticationError);
            }

            switch (status)
            {
                case 400:
                case 422:
                    return (ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument);
                case 401:
                    return (tokenExpired || IsExpiry(failure) ? ErrorIds.TokenExpired : ErrorIds.Unauthorized, ErrorCategory.AuthenticationError);
                case 403:
                    return (ErrorIds.Forbidden, ErrorCategory.PermissionDenied);
                case 404:
                    return (ErrorIds.NotFound, ErrorCategory.ObjectNotFound);
                case 429:
                    return (ErrorIds.TooManyRequests, ErrorCategory.ResourceUnavailable);
                case 408:
                    return (ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable);
            }

            return status >= 500
                ? (ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable)
                : (ErrorIds.RequestFailed, ErrorCategory.InvalidOperation);
        }

        private static bool IsExpiry(RunAiApiException failure) =>
            (failure.ApiMessage ?? string.Empty).IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0 ||
            (failure.Details ?? string.Empty).IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string? Advice(RunAiApiException failure, string id, bool renewableCredential, Uri baseUri)
        {
            const string RefusedFreshToken = "The server refused a freshly issued token: check that the application still exists and has access to this tenant.";
            const string Reconnect = "Get a new token and connect again: Connect-RunAi -BaseUri <url> -Token <token>, or use -ClientId/-ClientSecret so the module renews tokens itself.";
            var attempts = failure.Attempts;
            switch (id)
            {
                case ErrorIds.TokenExpired:
                    return renewableCredential ? RefusedFreshToken : "The token has expired. " + Reconnect;
                case ErrorIds.Unauthorized:
                    // A -Token session whose token has not expired (or whose expiry is unknown): the server refused it.
                    return renewableCredential
                        ? RefusedFreshToken
                        : FormattableString.Invariant($"The server refused the token: it is not valid for {baseUri.GetLeftPart(UriPartial.Authority)} (issued for another server or tenant, or mistyped), or it was revoked. ") + Reconnect;
                case ErrorIds.TokenRequestRejected:
                    return "Check the client id and secret (Connect-RunAi -ClientId <id> -ClientSecret <secret>, or RUNAI_CLIENT_ID / RUNAI_CLIENT_SECRET).";
                case ErrorIds.Forbidden:
                    return "The identity is authenticated but lacks a role that allows this; ask a Run:ai administrator for access.";
                case ErrorIds.TooManyRequests:
                    return Later(failure, attempts > 1
                        ? FormattableString.Invariant($"The server was still limiting the rate of requests after {attempts} attempts")
                        : "The server is limiting the rate of requests");
                case ErrorIds.ServiceUnavailable:
                    return Later(failure, attempts > 1
                        ? FormattableString.Invariant($"The server stayed unavailable through {attempts} attempts")
                        : "The server is unavailable for now");
                case ErrorIds.Timeout:
                    return attempts > 1
                        ? FormattableString.Invariant($"No answer came in time through {attempts} attempts. Try again later, or give each attempt longer: Connect-RunAi -TimeoutSec <seconds>.")
                        : "No answer came in time. Try again later, or give each attempt longer: Connect-RunAi -TimeoutSec <seconds>.";
                case ErrorIds.ConnectionFailed:
                    return attempts > 1
                        ? FormattableString.Invariant($"The server stayed unreachable through {attempts} attempts. Try again later; if it never worked, check the address and the network.")
                        : "Check the address and the network, then try again.";
                default:
                    return null;
            }
        }

        /// <summary>Advice for an answer that says "not now": when the server said how long to wait (Retry-After), that.</summary>
        private static string Later(RunAiApiException failure, string what) =>
            failure.RetryAfter is TimeSpan wait && wait > TimeSpan.Zero
                ? $"{what}, and asked to wait {Duration(wait)} before the next request. Run the command again after that; a scheduled task can simply run again later."
                : $"{what}. Try again later; a scheduled task can simply run again.";

        /// <summary>"45 s", "300 s (5 min)", "3600 s (1 h)": how long the server asked to wait, in the unit a person reads.</summary>
        private static string Duration(TimeSpan wait)
        {
            if (wait < TimeSpan.FromMinutes(2))
            {
                return FormattableString.Invariant($"{Math.Ceiling(wait.TotalSeconds):0} s");
            }

            return wait < TimeSpan.FromHours(1)
                ? FormattableString.Invariant($"{Math.Ceiling(wait.TotalSeconds):0} s ({wait.TotalMinutes:0.#} min)")
                : FormattableString.Invariant($"{Math.Ceiling(wait.TotalSeconds):0} s ({wait.TotalHours:0.#} h)");
        }

        private static string? NetworkAdvice(string id, RunAiSession session)
        {
            const string SkipCheck = "-SkipCertificateCheck turns verification off: only for a lab server you know.";
            var proxy = session.Proxy is Uri address ? $"The proxy {address}" : "The proxy";
            switch (id)
            {
                case ErrorIds.CertificateNotTrusted:
                    return session.CertificateAuthority is string bundle
                        ? $"Check that '{bundle}' holds the CA that issued the server's certificate, and that the address uses a name the certificate is made out to. {SkipCheck}"
                        : $"If the server's certificate comes from your organisation's CA, pass that CA's certificate as a PEM file: Connect-RunAi -CertificateAuthority <ca.pem> (or set RUNAI_CA_BUNDLE), or install it as trusted. {SkipCheck}";
                case ErrorIds.ProxyAuthenticationRequired:
                    return $"{proxy} wants credentials: Connect-RunAi -ProxyCredential (Get-Credential), or -ProxyUseDefaultCredentials for a proxy that accepts your Windows sign-in. If you gave them, check the user name and password.";
                case ErrorIds.ProxyUnreachable:
                    return $"{proxy} did not answer. Check its address and port (-Proxy, RUNAI_PROXY, or the system's proxy settings such as HTTPS_PROXY) and that it runs; -NoProxy connects directly.";
                case ErrorIds.TlsHandshakeFailed:
                    return "Enable TLS 1.2 or later on this machine (Windows: the SCHANNEL protocol settings; for Windows PowerShell 5.1 also SchUseStrongCrypto) and ask which TLS versions and cipher suites the server accepts. -SkipCertificateCheck cannot help: no certificate was judged.";
                default:
                    return null;
            }
        }
    }
}
