using System;
using RunAi.Client;
using RunAi.Client.Authentication;

namespace RunAi.PowerShell.Session
{
    /// <summary>
    /// A connection to one Run:ai control plane: what <c>Connect-RunAi -PassThru</c> returns and
    /// <c>Get-RunAiContext</c> shows. It never exposes the token or the client secret.
    /// </summary>
    /// <remarks>
    /// The session owns its HTTP stack (sockets, handlers, token client) and releases it when it is disconnected. A
    /// command that is still using it (a pipeline in another runspace with <c>-Session</c>) holds a lease: the stack is
    /// released when the last lease ends, and a command that starts after the disconnect is refused with a clear error.
    /// </remarks>
    public sealed class RunAiSession : IDisposable
    {
        private readonly object _gate = new object();
        private int _users;
        private bool _disconnected;
        private bool _released;

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

        /// <summary>False once Disconnect-RunAi (or a Connect-RunAi that replaced it) ended the session.</summary>
        public bool IsConnected
        {
            get
            {
                lock (_gate)
                {
                    return !_disconnected;
                }
            }
        }

        internal RunAiClient Client { get; }

        /// <summary>
        /// Set when Connect-RunAi handed the session to the caller (-PassThru): the caller may keep using it with -Session, so
        /// a later Connect-RunAi only stops it being the current one; Disconnect-RunAi -Session ends it.
        /// </summary>
        internal bool OwnedByCaller { get; set; }

        /// <summary>Ends the session; its HTTP stack is released now, or when the last command using it is done.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disconnected)
                {
                    return;
                }

                _disconnected = true;
            }

            ReleaseIfUnused();
        }

        public override string ToString() => $"{BaseUri} ({AuthenticationKind})";

        /// <summary>Starts a use of the session by one command; false when it was already disconnected.</summary>
        internal bool TryAcquire()
        {
            lock (_gate)
            {
                if (_disconnected)
                {
                    return false;
                }

                _users++;
                return true;
            }
        }

        /// <summary>Ends a use started by <see cref="TryAcquire"/>.</summary>
        internal void Release()
        {
            lock (_gate)
            {
                _users--;
            }

            ReleaseIfUnused();
        }

        private void ReleaseIfUnused()
        {
            lock (_gate)
            {
                if (!_disconnected || _users > 0 || _released)
                {
                    return;
                }

                _released = true;
            }

            Client.Dispose();
        }
    }
}
