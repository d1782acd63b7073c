using System;
using System.Management.Automation;
using RunAi.Client;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Errors
{
    /// <summary>Turns client failures into ErrorRecords with a stable id, the category a script can act on, and the input that failed.</summary>
    internal static class ErrorMapper
    {
        public static ErrorRecord ToErrorRecord(RunAiApiException failure, object? target, RunAiSession session)
        {
            // A static JWT whose exp claim has passed explains a 401 even when the server's message does not.
            var tokenExpired = !session.RenewsToken && session.TokenExpiresAt is DateTimeOffset expiry && expiry <= DateTimeOffset.Now;
            var renewableCredential = session.RenewsToken;
            var (id, category) = Classify(failure, tokenExpired);
            var record = new ErrorRecord(failure, id, category, target);
            var advice = Advice(failure, id, renewableCredential);
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
                case RunAiFailureKind.Timeout:
                    return (ErrorIds.Timeout, ErrorCategory.OperationTimeout);
                case RunAiFailureKind.InvalidResponse:
                    return (ErrorIds.InvalidResponse, ErrorCategory.ParserError);
                case RunAiFailureKind.PagingFault:
                    return (ErrorIds.PagingFault, ErrorCategory.ProtocolError);
            }

            var status = failure.StatusCode ?? 0;
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
                        ? $"The server stayed unavailable through {failure.Attempts} attempts. Try again later; a scheduled task can simply run again."
                        : "Check the address and the network, then try again.";
                case ErrorIds.CertificateNotTrusted:
                    return "Install the server's CA certificate as trusted, or pass -SkipCertificateCheck to Connect-RunAi for a lab server you know.";
                default:
                    return null;
            }
        }
    }
}
