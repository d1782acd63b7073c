using System;
using System.Net;
using System.Net.Http;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Which proxy a session's requests go through: none for an address on this machine or with
    /// <see cref="RunAiClientOptions.NoProxy"/>, the explicit <see cref="RunAiClientOptions.Proxy"/>, or else the
    /// system's (environment variables on Linux and macOS, the Windows settings on Windows), as before.
    /// </summary>
    /// <remarks>
    /// An address on this machine never goes through a proxy: a proxy elsewhere cannot reach it, and a plain-HTTP
    /// request (allowed only to this machine) would hand the proxy the token. HTTPS always crosses a proxy in a
    /// CONNECT tunnel, so the proxy sees the host name and port, never a header or the body.
    /// </remarks>
    internal static class ProxySettings
    {
        /// <summary>Sets the proxy of a primary handler.</summary>
        public static void Apply(HttpClientHandler handler, RunAiClientOptions options)
        {
            if (options.NoProxy || RunAiClient.IsLoopback(options.BaseUri))
            {
                handler.UseProxy = false;
                return;
            }

            handler.UseProxy = true;
            if (options.Proxy != null)
            {
                // Like Invoke-RestMethod -Proxy: every host goes through it; the bypass list is the system's business.
                handler.Proxy = new WebProxy(options.Proxy)
                {
                    BypassProxyOnLocal = false,
                    Credentials = CredentialsOf(options),
                };
            }
            else if (CredentialsOf(options) is ICredentials credentials)
            {
                // The system's proxy, with the credentials the user gave for it.
                handler.DefaultProxyCredentials = credentials;
            }
        }

        /// <summary>The proxy a request to <paramref name="target"/> goes through, or null when it goes directly.</summary>
        public static Uri? ProxyFor(RunAiClientOptions options, Uri? target)
        {
            if (target is null || !target.IsAbsoluteUri || options.NoProxy || RunAiClient.IsLoopback(options.BaseUri))
            {
                return null;
            }

            if (options.Proxy != null)
            {
                return options.Proxy;
            }

            // On .NET (Core) this is HttpClient.DefaultProxy, the one the handler uses; on .NET Framework the system's.
            var system = WebRequest.DefaultWebProxy;
            if (system is null || system.IsBypassed(target))
            {
                return null;
            }

            var address = system.GetProxy(target);
            return address is null || address == target ? null : WithoutUserInfo(address);
        }

        private static ICredentials? CredentialsOf(RunAiClientOptions options) =>
            options.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : options.ProxyCredential;

        private static Uri WithoutUserInfo(Uri address) =>
            string.IsNullOrEmpty(address.UserInfo) ? address : new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri;
    }
}
