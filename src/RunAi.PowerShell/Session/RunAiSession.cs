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

        internal RunAiClient Client { get; }

        public void Dispose() => Client.Dispose();

        public override string ToString() => $"{BaseUri} ({AuthenticationKind})";
    }
}
