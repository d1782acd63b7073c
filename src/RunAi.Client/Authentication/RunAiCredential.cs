using System;

namespace RunAi.Client.Authentication
{
    /// <summary>How a session authenticates. Secrets are held privately and never shown by <see cref="ToString"/>.</summary>
    public abstract class RunAiCredential
    {
        private protected RunAiCredential()
        {
        }

        /// <summary>A short name for the kind of authentication: <c>Token</c> or <c>ClientCredentials</c>.</summary>
        public abstract string Kind { get; }

        public override string ToString() => Kind;
    }

    /// <summary>A bearer token the user already has (an API token or a user's access token). It cannot be renewed.</summary>
    public sealed class RunAiTokenCredential : RunAiCredential
    {
        public RunAiTokenCredential(string token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new ArgumentException("The token is empty.");
            }

            Token = token.Trim();
        }

        public override string Kind => "Token";

        internal string Token { get; }
    }

    /// <summary>An application's client id and secret, exchanged for short-lived tokens at <c>POST /api/v1/token</c>.</summary>
    public sealed class RunAiClientCredential : RunAiCredential
    {
        public RunAiClientCredential(string clientId, string clientSecret)
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                throw new ArgumentException("The client id is empty.");
            }

            if (string.IsNullOrEmpty(clientSecret))
            {
                throw new ArgumentException("The client secret is empty.");
            }

            ClientId = clientId;
            ClientSecret = clientSecret;
        }

        public override string Kind => "ClientCredentials";

        /// <summary>The application's client id (not a secret).</summary>
        public string ClientId { get; }

        internal string ClientSecret { get; }

        public override string ToString() => $"ClientCredentials({ClientId})";
    }
}
