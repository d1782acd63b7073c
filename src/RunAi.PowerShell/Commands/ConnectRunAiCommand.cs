using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using RunAi.Client;
using RunAi.Client.Authentication;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Connects to a Run:ai control plane and makes it the current session of this runspace.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Connect-RunAi.md.</remarks>
    [Cmdlet(VerbsCommunications.Connect, "RunAi", DefaultParameterSetName = FromEnvironmentSet)]
    [OutputType(typeof(RunAiSession))]
    public sealed partial class ConnectRunAiCommand : RunAiCmdlet
    {
        private const string FromEnvironmentSet = "FromEnvironment";
        private const string TokenSet = "Token";
        private const string ClientSecretSet = "ClientSecret";
        private const string CredentialSet = "Credential";

        /// <summary>The control plane's address. Defaults to RUNAI_BASE_URL.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>A bearer token (an API token or an access token). A plain string is accepted too.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        /// <summary>An application's client id, exchanged with -ClientSecret for renewable tokens.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = string.Empty;

        /// <summary>The application's client secret. A plain string is accepted too.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>The client id as user name and the client secret as password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Accept any TLS certificate (a lab server with a self-signed certificate).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Allow plain HTTP to a host other than this machine (the token then crosses the network unencrypted).</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>Seconds one attempt may take (default 100).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Retries of a transient failure (408, 429, 5xx, network) before giving up (default 5).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetryCount { get; set; } = 5;

        /// <summary>
        /// Advanced: the first backoff delay, in milliseconds, before retrying a transient failure that came without
        /// a Retry-After header (default 1000). Later waits grow about twofold per retry on average, each random (Polly's
        /// jittered exponential backoff) and at most 30 s. A Retry-After from the server is always honoured instead (up to
        /// 120 s; a longer one fails at once and says how long to wait).
        /// </summary>
        [Parameter(DontShow = true)]
        [ValidateRange(0, 60000)]
        public int RetryDelayMilliseconds { get; set; } = 1000;

        /// <summary>Return the session object (to pass to -Session).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Session != null)
            {
                // -Session comes with the shared base class; Connect-RunAi always makes a new session, so taking one
                // quietly would suggest it reconnects or reuses it.
                const string Message = "Connect-RunAi makes a new session and takes no -Session. To reconnect, run Connect-RunAi with the address and credentials; to keep the new session for -Session, add -PassThru.";
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(Message, nameof(Session)), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, Session));
            }
        }

        protected override void EndProcessing()
        {
            var baseUri = BaseUri ?? BaseUriFromEnvironment();
            var credential = ResolveCredential();
            var options = new RunAiClientOptions(baseUri, credential)
            {
                SkipCertificateCheck = SkipCertificateCheck,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                AttemptTimeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxRetries = MaxRetryCount,
                RetryDelay = TimeSpan.FromMilliseconds(RetryDelayMilliseconds),
                // A long -TimeoutSec must not be cut short by the overall limit of a call.
                TotalTimeout = TimeSpan.FromSeconds(Math.Max(600, TimeoutSec * 2)),
            };
            ApplyNetworkSettings(options);
            RunAiClient client;
            try
            {
                client = new RunAiClient(options);
            }
            catch (ArgumentException ex)
            {
                var id = baseUri.Scheme == Uri.UriSchemeHttp ? ErrorIds.UnencryptedConnection : ErrorIds.InvalidConnectionSettings;
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(ex.Message), id, ErrorCategory.InvalidArgument, baseUri));
                return;
            }

            var session = new RunAiSession(client);
            WriteVerbose($"Connecting to {baseUri} with {credential}.");
            DescribeProxy(client);
            long count;
            try
            {
                count = Invoke(session, baseUri, token => client.VerifyConnectionAsync(token));
            }
            catch
            {
                // Never handed out: its HTTP stack goes with the failed (or stopped) connect.
                session.Dispose();
                throw;
            }
            WriteVerbose($"Connected: the server answered and sees {count} workloads.");

            // The session this one replaces is ended (its sockets closed), unless it was handed out with -PassThru: then
            // the caller holds it for -Session and ends it with Disconnect-RunAi -Session.
            session.OwnedByCaller = PassThru;
            var replaced = SessionStore.Replace(session);
            if (replaced != null && !replaced.OwnedByCaller)
            {
                replaced.Dispose();
                WriteVerbose($"Ended the previous session to {replaced.BaseUri}.");
            }

            if (PassThru)
            {
                WriteObject(session);
            }

            base.EndProcessing();
        }

        private Uri BaseUriFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable("RUNAI_BASE_URL");
            if (string.IsNullOrWhiteSpace(text))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("No address: pass -BaseUri or set RUNAI_BASE_URL."), ErrorIds.MissingBaseUri, ErrorCategory.InvalidArgument, null));
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"RUNAI_BASE_URL is not an absolute address: '{text}'."), ErrorIds.InvalidConnectionSettings, ErrorCategory.InvalidArgument, text));
            }

            return uri!;
        }

        private RunAiCredential ResolveCredential()
        {
            switch (ParameterSetName)
            {
                case TokenSet:
                    return Plain(Token!, "The token", () => new RunAiTokenCredential(Reveal(Token!)));
                case ClientSecretSet:
                    return Plain(ClientSecret!, "The client secret", () => new RunAiClientCredential(ClientId, Reveal(ClientSecret!)));
                case CredentialSet:
                    return Plain(Credential!.Password, "The credential's password", () => new RunAiClientCredential(Credential.UserName, Reveal(Credential.Password)));
            }

            var clientId = Environment.GetEnvironmentVariable("RUNAI_CLIENT_ID");
            var clientSecret = Environment.GetEnvironmentVariable("RUNAI_CLIENT_SECRET");
            if (!string.IsNullOrWhiteSpace(clientId) && !string.IsNullOrEmpty(clientSecret))
            {
                WriteVerbose("Using RUNAI_CLIENT_ID and RUNAI_CLIENT_SECRET from the environment.");
                return new RunAiClientCredential(clientId!, clientSecret!);
            }

            var token = Environment.GetEnvironmentVariable("RUNAI_TOKEN");
            if (!string.IsNullOrWhiteSpace(token))
            {
                WriteVerbose("Using RUNAI_TOKEN from the environment.");
                return new RunAiTokenCredential(token!);
            }

            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("No credentials: pass -Token, -ClientId and -ClientSecret, or -Credential, or set RUNAI_CLIENT_ID and RUNAI_CLIENT_SECRET (or RUNAI_TOKEN)."),
                ErrorIds.MissingCredential, ErrorCategory.InvalidArgument, null));
            return null!;
        }

        private RunAiCredential Plain(SecureString secret, string what, Func<RunAiCredential> create)
        {
            if (secret.Length == 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"{what} is empty."), ErrorIds.MissingCredential, ErrorCategory.InvalidArgument, null));
            }

            try
            {
                return create();
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException(ex.Message), ErrorIds.MissingCredential, ErrorCategory.InvalidArgument, null));
                return null!;
            }
        }

        private static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;
    }
}
