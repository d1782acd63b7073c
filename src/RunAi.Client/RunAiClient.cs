using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Authentication;
using RunAi.Client.Http;

namespace RunAi.Client
{
    /// <summary>
    /// A client for the Run:ai control-plane REST API: one method per operation. Lists stream as
    /// <see cref="System.Collections.Generic.IAsyncEnumerable{T}"/>, single items are tasks, every method takes a
    /// CancellationToken and every failure is a <see cref="RunAiApiException"/>.
    /// </summary>
    public sealed partial class RunAiClient : IDisposable
    {
        private readonly HttpPipelineFactory _http;
        private readonly ITokenSource _tokens;
        private readonly ReadLimits _limits;

        public RunAiClient(RunAiClientOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            RequireSafeTransport(options);
            _limits = new ReadLimits(options.MaxResponseBytes, options.AttemptTimeout);
            _http = new HttpPipelineFactory(options, _limits);
            _tokens = _http.Tokens;
        }

        public RunAiClientOptions Options { get; }

        /// <summary>The proxy requests to <see cref="RunAiClientOptions.BaseUri"/> go through, or null when they go directly.</summary>
        public Uri? Proxy => ProxySettings.ProxyFor(Options, Options.BaseUri);

        /// <summary>When the current access token expires, when known (client credentials, or a JWT's exp claim).</summary>
        public DateTimeOffset? TokenExpiresAt => _tokens.ExpiresAt;

        public void Dispose()
        {
            _http.Dispose();
        }

        public override string ToString() => $"RunAiClient({Options.BaseUri}, {Options.Credential.Kind})";

        internal async Task<T> GetAsync<T>(QueryBuilder uri, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri.ToUri());
            using var response = await _http.Api().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return await ApiResponseReader.ReadAsync(response, request, typeInfo, _limits, cancellationToken).ConfigureAwait(false);
        }

        private static void RequireSafeTransport(RunAiClientOptions options)
        {
            var uri = options.BaseUri;
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"'{uri}' is not an http or https address.");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) && !options.AllowUnencryptedAuthentication)
            {
                throw new ArgumentException(
                    $"'{uri}' is plain HTTP: the token would cross the network unencrypted. Use https, or pass -AllowUnencryptedAuthentication if you accept that risk.");
            }
        }

        internal static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
    }
}
