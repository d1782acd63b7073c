using System;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Client.Authentication
{
    /// <summary>Hands out the bearer token for the next request.</summary>
    internal interface ITokenSource
    {
        /// <summary>True when a rejected token can be replaced by a fresh one.</summary>
        bool CanRenew { get; }

        /// <summary>When the current token expires, when known.</summary>
        DateTimeOffset? ExpiresAt { get; }

        /// <summary>The token to send. With <paramref name="rejectedToken"/> set, a token other than that one.</summary>
        ValueTask<string> GetTokenAsync(string? rejectedToken, CancellationToken cancellationToken);
    }

    internal sealed class StaticTokenSource : ITokenSource
    {
        private readonly string _token;

        public StaticTokenSource(RunAiTokenCredential credential) => _token = credential.Token;

        public bool CanRenew => false;

        public DateTimeOffset? ExpiresAt => JwtExpiry.TryRead(_token);

        public ValueTask<string> GetTokenAsync(string? rejectedToken, CancellationToken cancellationToken) => new ValueTask<string>(_token);

        public override string ToString() => "StaticTokenSource(****)";
    }
}
