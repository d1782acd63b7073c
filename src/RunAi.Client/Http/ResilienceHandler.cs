using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Retries transient failures (408, 429, 500, 502, 503, 504, transport faults, attempt timeouts, a successful
    /// answer's body that broke off) with jittered exponential backoff, honouring Retry-After, inside a per-attempt and
    /// an overall timeout. A 429's Retry-After also holds the session's other requests (<see cref="RetryAfterGate"/>,
    /// shared by every handler of the session). The policy is Polly's; this handler only plugs it into the HttpClient
    /// chain and words the failures.
    /// </summary>
    /// <remarks>
    /// An attempt ends when a successful answer's whole body has arrived (<see cref="BufferedBody"/>), not at its
    /// headers: a reset, a short or cut body, a compressed body that cannot be decoded or JSON cut short costs an
    /// attempt like a reset before the headers, from the same retry budget and with the same backoff. The
    /// per-attempt timeout covers the wait for the headers, and the body has a timeout of the same length of its own,
    /// as before. Error answers keep their body unread here: <see cref="ApiResponseReader.ToExceptionAsync"/> reads
    /// what it can of it.
    /// </remarks>
    internal sealed class ResilienceHandler : DelegatingHandler
    {
        private static readonly ResiliencePropertyKey<bool> WrongAddressIsFinal = new ResiliencePropertyKey<bool>("RunAi.WrongAddressIsFinal");
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
        private readonly ResiliencePipeline<HttpResponseMessage> _headers;
        private readonly RunAiClientOptions _options;
        private readonly RetryAfterGate _gate;
        private readonly ReadLimits _limits;

        public ResilienceHandler(RunAiClientOptions options, RetryAfterGate gate)
        {
            _options = options;
            _gate = gate;
            _limits = new ReadLimits(options.MaxResponseBytes, options.AttemptTimeout);
            _pipeline = Build(options);
            _headers = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }.AddTimeout(options.AttemptTimeout).Build();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var state = RequestState.Of(request);
            state.Attempts = 0;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(WrongAddressIsFinal, ConnectionProbe.IsActive);
            try
            {
                return await _pipeline.ExecuteAsync(
                    async (attempt, self) =>
                    {
                        state.Attempts++;
                        return await self.AttemptAsync(request, attempt.CancellationToken).ConfigureAwait(false);
                    },
                    context,
                    this).ConfigureAwait(false);
            }
            catch (BodyFaultException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failure(ex.Kind, request, state, ex.Message, ex, ex.StatusCode);
            }
            catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var within = ex.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                if (state.WaitingForToken)
                {
                    // The attempt's time ran out before the request left: the token endpoint did not answer, not the API.
                    var timeout = Failure(
                        RunAiFailureKind.Timeout, request, state, $"the token endpoint (POST /{ApiPath.Token}) gave no answer within {within} s, so the request was not sent", ex);
                    timeout.IsTokenRequest = true;
                    throw timeout;
                }

                throw Failure(RunAiFailureKind.Timeout, request, state, $"no answer within {within} s", ex);
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var proxy = ProxyFailure.Of(ex, ProxySettings.ProxyFor(_options, request.RequestUri), request.RequestUri, _options);
                if (proxy != null)
                {
                    throw Failure(proxy.Kind, request, state, proxy.Reason, ex);
                }

                var kind = TransportFailure.Classify(ex);
                var reason = kind switch
                {
                    RunAiFailureKind.Certificate => state.CertificateRejection ??
                        "the server's TLS certificate is not trusted (pass the CA that issued it with -CertificateAuthority; -SkipCertificateCheck only for a lab server you know)",
                    RunAiFailureKind.TlsHandshake =>
                        $"the TLS handshake failed ({Innermost(ex).Message.TrimEnd('.')}): this machine and the server share no TLS version or cipher suite. " +
                        "Enable TLS 1.2 or later on this machine and check which versions the server accepts; -SkipCertificateCheck cannot help",
                    _ => Innermost(ex).Message,
                };
                throw Failure(kind, request, state, reason, ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>One attempt: the headers within the attempt timeout, then a successful answer's whole body.</summary>
        private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await _headers.ExecuteAsync(
                static (args, token) => new ValueTask<HttpResponseMessage>(args.Self.SendOnceAsync(args.Request, token)),
                (Self: this, Request: request),
                cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    await BufferedBody.LoadAsync(response, request, _limits, cancellationToken).ConfigureAwait(false);
                }
                catch (BodyFaultException ex) when (!IsIdempotent(request.Method))
                {
                    // The server answered 2xx, so it has done what a POST or PATCH asked: sending it again could do it
                    // twice. Only the answer was lost, and the failure says so instead of retrying.
                    throw new RunAiApiException(
                        ex.Kind, request.Method.Method, ApiResponseReader.PathOf(request),
                        $"{request.Method.Method} {ApiResponseReader.PathOf(request)} answered {RunAiApiException.Describe(ex.StatusCode)}, but {ex.Message}; not sent again, as the server may already have acted on it.",
                        ex)
                    { StatusCode = ex.StatusCode, Attempts = 1 };
                }
            }

            return response;
        }

        private static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

        private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

        private static RunAiApiException Failure(RunAiFailureKind kind, HttpRequestMessage request, RequestState state, string reason, Exception inner, int? statusCode = null)
        {
            var method = request.Method.Method;
            var path = ApiResponseReader.PathOf(request);
            var attempts = state.Attempts > 1 ? FormattableString.Invariant($" after {state.Attempts} attempts") : string.Empty;
            var host = request.RequestUri?.IsAbsoluteUri == true ? FormattableString.Invariant($" to {request.RequestUri.GetLeftPart(UriPartial.Authority)}") : string.Empty;
            return new RunAiApiException(kind, method, path, $"{method} {path}{host} failed{attempts}: {reason.TrimEnd('.')}.", inner)
            {
                Attempts = Math.Max(1, state.Attempts),
                StatusCode = statusCode,
            };
        }

        private static Exception Innermost(Exception ex)
        {
            var e = ex;
            while (e.InnerException != null)
            {
                e = e.InnerException;
            }

            return e;
        }

        private static bool IsTransientStatus(HttpStatusCode status)
        {
            var code = (int)status;
            return code == 408 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
        }

        private ResiliencePipeline<HttpResponseMessage> Build(RunAiClientOptions options)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
            builder.AddTimeout(options.TotalTimeout);
            if (options.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    MaxDelay = options.MaxRetryDelay,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is null ? null : ApiResponseReader.RetryAfterOf(args.Outcome.Result)),
                    OnRetry = args =>
                    {
                        var what = args.Outcome.Result is HttpResponseMessage r
                            ? RunAiApiException.Describe((int)r.StatusCode)
                            : args.Outcome.Exception?.GetType().Name ?? "failure";
                        RunAiDiagnostics.Debug(string.Format(
                            CultureInfo.InvariantCulture, "Transient {0}; retry {1} of {2} in {3:0.0} s.", what, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay.TotalSeconds));
                        var askedToWait = args.Outcome.Result is HttpResponseMessage answer && ApiResponseReader.RetryAfterOf(answer) != null;
                        RunAiDiagnostics.Waiting(
                            args.RetryDelay,
                            askedToWait
                                ? (int)args.Outcome.Result!.StatusCode == 429 ? RetryAfterGate.SlowDown : $"the server asked to wait ({what}, Retry-After)"
                                : string.Format(CultureInfo.InvariantCulture, "retry {0} of {1} after {2}", args.AttemptNumber + 1, options.MaxRetries, what));
                        return default;
                    },
                });

                // Between the retry and the attempt timeout: the wait for the session's gate counts against the call, not the attempt.
                builder.AddStrategy(_ => new RetryAfterGateStrategy(_gate, options.MaxRetryAfter));
            }

            // The attempt timeout is the callback's own (AttemptAsync): it covers the headers; the body has its own deadline.
            return builder.Build();
        }

        private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
        {
            if (outcome.Exception is HttpRequestException http)
            {
                // Only a plain transport fault (refused, reset, name not resolved) may go away on its own; while a new
                // connection is verified, a refused connection or an unknown host is a wrong address, not an outage.
                var wrongAddressIsFinal = context.Properties.GetValue(WrongAddressIsFinal, false);
                return TransportFailure.Classify(http) == RunAiFailureKind.Transport && !ProxyFailure.IsPermanent(http) &&
                    !(wrongAddressIsFinal && TransportFailure.IsWrongAddress(http));
            }

            if (outcome.Exception is BodyFaultException)
            {
                // Headers arrived, the body did not (whole): the next attempt asks for the whole answer again.
                return !context.CancellationToken.IsCancellationRequested;
            }

            if (outcome.Exception is TimeoutRejectedException)
            {
                return !context.CancellationToken.IsCancellationRequested;
            }

            if (outcome.Result is not HttpResponseMessage response || !IsTransientStatus(response.StatusCode))
            {
                return false;
            }

            var wait = ApiResponseReader.RetryAfterOf(response);
            if (wait > _options.MaxRetryAfter)
            {
                // Waiting that long would look like a hang; fail now and say how long the server wanted.
                var request = response.RequestMessage;
                if (request != null)
                {
                    RequestState.Of(request).RetryAfterRefused = wait;
                }

                return false;
            }

            return true;
        }
    }
}
