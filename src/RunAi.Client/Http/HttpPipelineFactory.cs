using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using RunAi.Client.Authentication;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Builds the session's HTTP pipeline with Microsoft.Extensions.Http: authentication → resilience →
    /// diagnostics → redirects → the primary handler. The token endpoint gets the same chain without authentication.
    /// </summary>
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
        private readonly IHttpClientFactory _factory;

        public HttpPipelineFactory(RunAiClientOptions options, Func<ITokenSource> tokenSource)
        {
            // One gate per session, outliving the handlers the factory rotates: a 429's Retry-After pauses all of the session's requests.
            var retryAfter = new RetryAfterGate();
            var services = new ServiceCollection();
            services.AddHttpClient(ApiClient, client => Configure(client, options))
                .ConfigurePrimaryHttpMessageHandler(() => CreatePrimaryHandler(options))
                .AddHttpMessageHandler(() => new AuthenticationHandler(tokenSource()))
                .AddHttpMessageHandler(() => new ResilienceHandler(options, retryAfter))
                .AddHttpMessageHandler(() => new DiagnosticsHandler())
                .AddHttpMessageHandler(() => new RedirectHandler());
            services.AddHttpClient(TokenClient, client => Configure(client, options))
                .ConfigurePrimaryHttpMessageHandler(() => CreatePrimaryHandler(options))
                .AddHttpMessageHandler(() => new ResilienceHandler(options, retryAfter))
                .AddHttpMessageHandler(() => new DiagnosticsHandler());
            _services = services.BuildServiceProvider();
            _factory = _services.GetRequiredService<IHttpClientFactory>();
        }

        /// <summary>The client for API calls. The factory pools and rotates the handlers underneath.</summary>
        public HttpClient Api() => _factory.CreateClient(ApiClient);

        /// <summary>The client for the token endpoint (no bearer token on it).</summary>
        public HttpClient Token() => _factory.CreateClient(TokenClient);

        public void Dispose() => _services.Dispose();

        private static void Configure(HttpClient client, RunAiClientOptions options)
        {
            client.BaseAddress = options.BaseUri;
            // Timeouts are the resilience pipeline's job (per attempt and overall), not HttpClient's.
            client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
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
