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
            var advice = Advice(failure, id, renewableCredential) ?? NetworkAdvice(id, session);
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

        private static string? Advice(RunAiApiException failure, string id, bool renewableCredential)
        {
            switch (id)
            {
                case ErrorIds.TokenExpired:
                case ErrorIds.Unauthorized:
                    return renewableCredential
                        ? "The server refused a freshly issued token: check that the application still exists and has access to this tenant."
                        : "The token has expired or was revoked. Get a new token and connect again: Connect-RunAi -BaseUri <url> -Token <token>, or use -ClientId/-ClientSecret so the module renews tokens itself.";
                case ErrorIds.TokenRequestRejected:
                    return "Check the client id and secret (Connect-RunAi -ClientId <id> -ClientSecret <secret>, or RUNAI_CLIENT_ID / RUNAI_CLIENT_SECRET).";
                case ErrorIds.Forbidden:
                    return "The identity is authenticated but lacks a role that allows this; ask a Run:ai administrator for access.";
                case ErrorIds.TooManyRequests:
                case ErrorIds.ServiceUnavailable:
                case ErrorIds.Timeout:
                case ErrorIds.ConnectionFailed:
                    return failure.Attempts > 1
                        ? FormattableString.Invariant($"The server stayed unavailable through {failure.Attempts} attempts. Try again later; a scheduled task can simply run again.")
                        : "Check the address and the network, then try again.";
                default:
                    return null;
            }
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
