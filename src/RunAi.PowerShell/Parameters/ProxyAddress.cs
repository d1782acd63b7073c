using System;
using System.Net;
using System.Text.RegularExpressions;

namespace RunAi.PowerShell.Parameters
{
    /// <summary>
    /// Reads a proxy address as users write it in -Proxy or RUNAI_PROXY: <c>http://proxy:3128</c>, bare
    /// <c>proxy:3128</c> (http, as curl and HTTPS_PROXY read it), or <c>http://user:password@proxy:3128</c>, whose
    /// user and password become the proxy credential so they never show in the session, -Verbose or an error.
    /// </summary>
    internal static class ProxyAddress
    {
        private static readonly Regex UserInfo = new Regex("(^|//)[^/@]*@", RegexOptions.CultureInvariant);

        /// <summary>The address without credentials, and the credentials it held (or null); false when it is not an address.</summary>
        public static bool TryParse(string text, out Uri? address, out NetworkCredential? credential)
        {
            address = null;
            credential = null;
            var trimmed = text.Trim();
            if (trimmed.IndexOf("://", StringComparison.Ordinal) < 0)
            {
                trimmed = "http://" + trimmed;
            }

            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                return false;
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                var colon = uri.UserInfo.IndexOf(':');
                var user = colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon);
                var password = colon < 0 ? string.Empty : uri.UserInfo.Substring(colon + 1);
                credential = new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
            }

            // A proxy is a host and a port; a path or user info has no meaning for it.
            address = new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
            return true;
        }

        /// <summary>The text with any user info masked, for an error message about an address that did not parse.</summary>
        public static string Redact(string text) => UserInfo.Replace(text, "$1***@");
    }
}
