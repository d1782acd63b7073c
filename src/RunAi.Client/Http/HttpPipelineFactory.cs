using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using RunAi.Client.Authentication;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Builds the session's HTTP pipeline with Microsoft.Extensions.Http, outermost first: resilience → authentication →
    /// diagnostics → redirects → the primary handler. Authentication sits inside the retry loop, so every attempt (one
    /// after a Retry-After wait too) carries the token that is current when it leaves. The token endpoint gets the same
    /// chain without authentication. The factory also holds the session's token source, which reads the token client:
    /// the API chain reads the token source, the token source reads the token client, and nothing is wired in a circle.
    /// </summary>
    /// <remarks>
    /// The session owns its whole stack and releases it in <see cref="Dispose"/>. IHttpClientFactory's handler rotation
    /// is turned off on purpose: a rotated handler is disposed only minutes later by the factory's timers, which keep
    /// every disconnected session's sockets open and its memory alive (a host that reconnects often runs out of
    /// sockets). The primary handlers are created here and disposed here, so Disconnect closes the sockets at once.
    /// </remarks>
    internal sealed class HttpPipelineFactory : IDisposable
    {
        private const string ApiClient = "RunAi.Api";
        private const string TokenClient = "RunAi.Token";

        /// <summary>
        /// Every lane of the widest fan-out, plus the token renewal that must never queue behind them. .NET Framework
        /// would otherwise allow 2 connections per server and serialise them all.
        /// </summary>
        internal const int ConnectionsPerServer = RunAiClientOptions.MaxFanOut + 1;
        private readonly ServiceProvider _services;
        private readonly Lazy<HttpClient> _api;
        private readonly Lazy<HttpClient> _token;
        private readonly List<HttpMessageHandler> _primaryHandlers = new List<HttpMessageHandler>();
        private readonly object _gate = new object();
        private bool _disposed;

        public HttpPipelineFactory(RunAiClientOptions options, ReadLimits limits)
        {
            if (options.Credential is not (RunAiTokenCredential or RunAiClientCredential))
            {
                throw new ArgumentException("Unknown credential type.", nameof(options));
            }

            Tokens = options.Credential is RunAiClientCredential client
                ? new ClientCredentialTokenSource(client, Token, limits, options.TimeProvider)
                : new StaticTokenSource((RunAiTokenCredential)options.Credential);

            // One gate per session, outliving the handlers the factory rotates: a 429's Retry-After pauses all of the session's requests.
            var retryAfter = new RetryAfterGate(options.TimeProvider);
            var services = new ServiceCollection();
            services.AddHttpClient(ApiClient, client => Configure(client, options))
                .ConfigurePrimaryHttpMessageHandler(() => Own(CreatePrimaryHandler(options)))
                .AddHttpMessageHandler(() => new ResilienceHandler(options, retryAfter))
                .AddHttpMessageHandler(() => new AuthenticationHandler(Tokens))
                .AddHttpMessageHandler(() => new DiagnosticsHandler())
                .AddHttpMessageHandler(() => new RedirectHandler())
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();
            services.AddHttpClient(TokenClient, client => Configure(client, options))
                .ConfigurePrimaryHttpMessageHandler(() => Own(CreatePrimaryHandler(options)))
                .AddHttpMessageHandler(() => new ResilienceHandler(options, retryAfter))
                .AddHttpMessageHandler(() => new DiagnosticsHandler())
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                .RemoveAllLoggers();

            // The handlers need nothing from a DI scope; without one there is nothing left behind to dispose.
            services.Configure<HttpClientFactoryOptions>(ApiClient, o => o.SuppressHandlerScope = true);
            services.Configure<HttpClientFactoryOptions>(TokenClient, o => o.SuppressHandlerScope = true);
            _services = services.BuildServiceProvider();
            var factory = _services.GetRequiredService<IHttpClientFactory>();
            _api = new Lazy<HttpClient>(() => factory.CreateClient(ApiClient), LazyThreadSafetyMode.ExecutionAndPublication);
            _token = new Lazy<HttpClient>(() => factory.CreateClient(TokenClient), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The session's access tokens: a static one, or client credentials exchanged at the token endpoint through <see cref="Token"/>.</summary>
        public ITokenSource Tokens { get; }

        /// <summary>The session's client for API calls.</summary>
        public HttpClient Api() => Client(_api);

        /// <summary>The client for the token endpoint (no bearer token on it).</summary>
        public HttpClient Token() => Client(_token);

        /// <summary>Cancels what is still in flight and closes every connection of the session.</summary>
        public void Dispose()
        {
            HttpMessageHandler[] primaries;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                primaries = _primaryHandlers.ToArray();
                _primaryHandlers.Clear();
            }

            if (_api.IsValueCreated)
            {
                _api.Value.Dispose();
            }

            if (_token.IsValueCreated)
            {
                _token.Value.Dispose();
            }

            foreach (var handler in primaries)
            {
                handler.Dispose();
            }

            _services.Dispose();
            (Tokens as IDisposable)?.Dispose();
        }

        private HttpClient Client(Lazy<HttpClient> client)
        {
            if (Volatile.Read(ref _disposed))
            {
                throw new ObjectDisposedException(nameof(RunAiClient), "The session was disconnected.");
            }

            return client.Value;
        }

        private HttpMessageHandler Own(HttpMessageHandler handler)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    handler.Dispose();
                    throw new ObjectDisposedException(nameof(RunAiClient), "The session was disconnected.");
                }

                _primaryHandlers.Add(handler);
                return handler;
            }
        }

        private static void Configure(HttpClient client, RunAiClientOptions options)
        {
            client.BaseAddress = options.BaseUri;
            // Timeouts are the resilience pipeline's job (per attempt and overall), not HttpClient's.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            // .NET Framework sends "Expect: 100-continue" with every POST unless told not to: up to 350 ms more per
            // token request, and a 417 from some proxies.
            client.DefaultRequestHeaders.ExpectContinue = false;
        }

        internal static HttpClientHandler CreatePrimaryHandler(RunAiClientOptions options)
        {
            FrameworkTls.EnsureTls12();
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                MaxConnectionsPerServer = ConnectionsPerServer,
            };
            if (options.SkipCertificateCheck)
            {
#pragma warning disable CA5359 // The user asked for it explicitly with -SkipCertificateCheck.
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            }
            else if (options.CertificateAuthority != null)
            {
                handler.ServerCertificateCustomValidationCallback = options.CertificateAuthority.Validate;
            }

            ProxySettings.Apply(handler, options);
            return handler;
        }
    }
}
