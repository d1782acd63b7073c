using System;
using RunAi.Client;
using RunAi.Client.Authentication;

namespace RunAi.PowerShell.Session
{
    /// <summary>
    /// A connection to one Run:ai control plane: what <c>Connect-RunAi -PassThru</c> returns and
    /// <c>Get-RunAiContext</c> shows. It never exposes the token or the client secret.
    /// </summary>
    public sealed class RunAiSession : IDisposable
    {
        internal RunAiSession(RunAiClient client)
        {
            Client = client;
            ConnectedAt = DateTimeOffset.Now;
            Proxy = client.Proxy;
        }

        /// <summary>The control plane's address.</summary>
        public Uri BaseUri => Client.Options.BaseUri;

        /// <summary><c>Token</c> or <c>ClientCredentials</c>.</summary>
        public string AuthenticationKind => Client.Options.Credential.Kind;

        /// <summary>The application's client id, for client-credential sessions.</summary>
        public string? ClientId => (Client.Options.Credential as RunAiClientCredential)?.ClientId;

        /// <summary>When the current access token expires, when known. Client-credential sessions renew it before then.</summary>
        public DateTimeOffset? TokenExpiresAt => Client.TokenExpiresAt?.ToLocalTime();

        /// <summary>True when the session renews its token by itself (client credentials).</summary>
        public bool RenewsToken => Client.Options.Credential is RunAiClientCredential;

        public DateTimeOffset ConnectedAt { get; }

        public bool SkipCertificateCheck => Client.Options.SkipCertificateCheck;

        /// <summary>The full path of the CA file trusted in addition to the system's roots (-CertificateAuthority, RUNAI_CA_BUNDLE).</summary>
        public string? CertificateAuthority => Client.Options.CertificateAuthority?.Path;

        /// <summary>The proxy the session goes through (never with its credentials), or null when it connects directly.</summary>
        public Uri? Proxy { get; }

        /// <summary>The user name given to the proxy with -ProxyCredential. The password is never shown.</summary>
        public string? ProxyUserName => Proxy is null || Client.Options.ProxyCredential is not { } credential
            ? null
            : string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;

        /// <summary>True when the proxy is given the logged-on user's credentials (-ProxyUseDefaultCredentials).</summary>
        public bool ProxyUsesDefaultCredentials => Proxy != null && Client.Options.ProxyUseDefaultCredentials;

        internal RunAiClient Client { get; }

        public void Dispose() => Client.Dispose();

        public override string ToString() => $"{BaseUri} ({AuthenticationKind})";
    }
}
