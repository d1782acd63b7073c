using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;
using RunAi.Client.Http;
using RunAi.Client.Json;

namespace RunAi.Client.Authentication
{
    /// <summary>
    /// Exchanges a client id and secret for tokens at <c>POST /api/v1/token</c> and renews them before they
    /// expire. Concurrent callers share one renewal: one token request per renewal, never one per call.
    /// </summary>
    internal sealed class ClientCredentialTokenSource : ITokenSource, IDisposable
    {
        private readonly RunAiClientCredential _credential;
        private readonly Func<HttpClient> _httpClient;
        private readonly ReadLimits _limits;
        /// <summary>A token this close to its expiry is not sent: it could expire on the way or while the server reads it.</summary>
        private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(2);

        /// <summary>After a failed early renewal, the next try comes this much later (or at half the token's time left).</summary>
        private static readonly TimeSpan RetryRenewalAfter = TimeSpan.FromSeconds(10);

        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private readonly TimeProvider _time;
        private string? _token;
        private DateTimeOffset _renewAt;
        private DateTimeOffset? _expiresAt;

        public ClientCredentialTokenSource(RunAiClientCredential credential, Func<HttpClient> httpClient, ReadLimits limits, TimeProvider time)
        {
            _time = time;
            _credential = credential;
            _httpClient = httpClient;
            _limits = limits;
        }

        public bool CanRenew => true;

        public DateTimeOffset? ExpiresAt => _expiresAt;

        public async ValueTask<string> GetTokenAsync(string? rejectedToken, CancellationToken cancellationToken)
        {
            var current = _token;
            if (current != null && current != rejectedToken && _time.GetUtcNow() < _renewAt)
            {
                return current;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have renewed while this one waited for the gate.
                current = _token;
                if (current != null && current != rejectedToken && _time.GetUtcNow() < _renewAt)
                {
                    return current;
                }

                var stillValid = current != null && current != rejectedToken && _expiresAt is DateTimeOffset expiry && _time.GetUtcNow() < expiry - ExpiryMargin;
                if (!stillValid)
                {
                    return await RequestTokenAsync(rejectedToken != null, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    return await RequestTokenAsync(afterRejection: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is RunAiApiException || ex is HttpRequestException || ex is OperationCanceledException))
                {
                    // Renewing early is a convenience: while the token in hand is valid, an outage of the token endpoint
                    // must not fail the calls. Try again a little later; only a token that expired with no renewal fails.
                    var left = _expiresAt!.Value - _time.GetUtcNow();
                    _renewAt = _time.GetUtcNow() + TimeSpan.FromTicks(Math.Min(RetryRenewalAfter.Ticks, left.Ticks / 2));
                    RunAiDiagnostics.Debug(string.Format(
                        CultureInfo.InvariantCulture, "Renewing the access token failed ({0}); the current one is valid for {1:0} s more and stays in use.", ex.Message, left.TotalSeconds));
                    return current!;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose() => _gate.Dispose();

        public override string ToString() => $"ClientCredentialTokenSource({_credential.ClientId})";

        private async Task<string> RequestTokenAsync(bool afterRejection, CancellationToken cancellationToken)
        {
            RunAiDiagnostics.Debug(afterRejection
                ? $"The server rejected the access token; requesting a new one for client '{_credential.ClientId}'."
                : $"Requesting an access token for client '{_credential.ClientId}'.");

            var body = JsonSerializer.Serialize(
                new TokenRequest { ClientId = _credential.ClientId, ClientSecret = _credential.ClientSecret },
                RunAiJsonContext.Default.TokenRequest);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiPath.Token, UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            var started = _time.GetUtcNow();
            HttpResponseMessage sent;
            try
            {
                sent = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (RunAiApiException ex)
            {
                // The token endpoint's own timeout or transport fault: the credentials' call failed, not the API call.
                ex.IsTokenRequest = true;
                throw;
            }

            using var response = sent;
            if (!response.IsSuccessStatusCode)
            {
                var failure = await ApiResponseReader.ToExceptionAsync(response, request, _limits, cancellationToken).ConfigureAwait(false);
                failure.IsTokenRequest = true;
                throw failure;
            }

            var answer = await ApiResponseReader.ReadAsync(response, request, RunAiJsonContext.Default.TokenResponse, _limits, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(answer.AccessToken))
            {
                throw new RunAiApiException(
                    RunAiFailureKind.InvalidResponse, "POST", "/" + ApiPath.Token, "POST /" + ApiPath.Token + " answered without an accessToken.")
                { StatusCode = (int)response.StatusCode, IsTokenRequest = true };
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn is double seconds && seconds > 0 ? seconds : 3600);
            // Renew at half the lifetime for short tokens, and a minute early for long ones, so a request never
            // leaves with a token about to expire and a burst of calls never turns into a burst of token requests.
            var margin = TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 2, TimeSpan.FromMinutes(1).Ticks));
            _token = answer.AccessToken;
            _expiresAt = started + lifetime;
            _renewAt = started + lifetime - margin;
            RunAiDiagnostics.Debug(string.Format(
                CultureInfo.InvariantCulture, "Got an access token valid for {0:0} s; it will be renewed after {1:0} s.", lifetime.TotalSeconds, (lifetime - margin).TotalSeconds));
            return answer.AccessToken!;
        }
    }
}
