using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Authentication;

namespace RunAi.Client.Http
{
    /// <summary>Adds the bearer token; on a 401 with a renewable credential, retries once with a fresh token.</summary>
    internal sealed class AuthenticationHandler : DelegatingHandler
    {
        private readonly ITokenSource _tokens;

        public AuthenticationHandler(ITokenSource tokens) => _tokens = tokens;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await TokenAsync(request, null, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !_tokens.CanRenew)
            {
                return response;
            }

            response.Dispose();
            token = await TokenAsync(request, token, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private async ValueTask<string> TokenAsync(HttpRequestMessage request, string? rejectedToken, CancellationToken cancellationToken)
        {
            // Left set when the wait ends in an exception: an attempt that timed out here timed out at the token endpoint.
            var state = RequestState.Of(request);
            state.WaitingForToken = true;
            var token = await _tokens.GetTokenAsync(rejectedToken, cancellationToken).ConfigureAwait(false);
            state.WaitingForToken = false;
            return token;
        }
    }
}
