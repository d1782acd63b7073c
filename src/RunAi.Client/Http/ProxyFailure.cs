using System;
using System.Net;
using System.Net.Http;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Tells a failure of the proxy (unreachable, wants credentials, refused the tunnel) from a failure of the server
    /// behind it, so the error names the proxy and a script knows what to fix.
    /// </summary>
    /// <remarks>
    /// netstandard2.0 has neither <c>HttpRequestException.HttpRequestError</c> nor <c>StatusCode</c>; PowerShell 7
    /// runs on .NET 8+, which has both, so they are read by name. .NET Framework reports the same through WebException.
    /// </remarks>
    internal sealed class ProxyFailure
    {
        private ProxyFailure(RunAiFailureKind kind, string reason, bool retryable)
        {
            Kind = kind;
            Reason = reason;
            Retryable = retryable;
        }

        public RunAiFailureKind Kind { get; }

        public string Reason { get; }

        /// <summary>False when trying again cannot help: the proxy wants other credentials or refuses the host.</summary>
        public bool Retryable { get; }

        /// <summary>
        /// The proxy's part in a failure, or null when it was not the proxy (or no proxy was in use).
        /// The proxy is named by address only: no user name or password ever goes into the message.
        /// </summary>
        public static ProxyFailure? Of(HttpRequestException failure, Uri? proxy, Uri? target, RunAiClientOptions options)
        {
            if (proxy is null)
            {
                return null;
            }

            var where = target is null ? "the server" : $"{target.Host}:{target.Port}";
            var status = TunnelStatus(failure);
            if (status == 407)
            {
                var which = options.ProxyUseDefaultCredentials
                    ? "did not accept the logged-on user's credentials"
                    : options.ProxyCredential is { } credential
                        ? $"refused the credentials of user '{credential.UserName}'"
                        : "wants credentials and none were given";
                return new ProxyFailure(RunAiFailureKind.ProxyAuthentication, $"the proxy {proxy} {which} (407 Proxy Authentication Required)", false);
            }

            if (status is int refused)
            {
                return new ProxyFailure(
                    RunAiFailureKind.Transport, $"the proxy {proxy} did not open a tunnel to {where}: it answered {RunAiApiException.Describe(refused)}", refused >= 500);
            }

            if (IsConnectFailure(failure))
            {
                return new ProxyFailure(RunAiFailureKind.ProxyUnreachable, $"the proxy {proxy} could not be reached: {Innermost(failure).Message.TrimEnd('.')}", true);
            }

            return null;
        }

        /// <summary>True when the proxy refused for a reason that another attempt cannot change (407, 403, …).</summary>
        public static bool IsPermanent(HttpRequestException failure) => TunnelStatus(failure) is int status && status < 500;

        /// <summary>The status the proxy answered a CONNECT with, when that is why the request failed.</summary>
        private static int? TunnelStatus(HttpRequestException failure)
        {
            var error = failure.GetType().GetProperty("HttpRequestError")?.GetValue(failure)?.ToString();
            if (error == "ProxyTunnelError" && failure.GetType().GetProperty("StatusCode")?.GetValue(failure) is HttpStatusCode code)
            {
                return (int)code;
            }

            for (Exception? e = failure; e != null; e = e.InnerException)
            {
                if (e is WebException web && web.Response is HttpWebResponse response && response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
                {
                    return 407;
                }
            }

            return null;
        }

        private static bool IsConnectFailure(HttpRequestException failure)
        {
            // Every connection of a proxied request goes to the proxy, so failing to open one is the proxy's fault.
            var error = failure.GetType().GetProperty("HttpRequestError")?.GetValue(failure)?.ToString();
            if (error != null)
            {
                return error == "ConnectionError" || error == "NameResolutionError";
            }

            for (Exception? e = failure; e != null; e = e.InnerException)
            {
                if (e is WebException web &&
                    (web.Status == WebExceptionStatus.ConnectFailure || web.Status == WebExceptionStatus.NameResolutionFailure ||
                     web.Status == WebExceptionStatus.ProxyNameResolutionFailure))
                {
                    return true;
                }
            }

            return false;
        }

        private static Exception Innermost(Exception failure)
        {
            var e = failure;
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
