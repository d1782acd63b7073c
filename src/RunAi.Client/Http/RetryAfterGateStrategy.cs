using System;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Plugs the session's <see cref="RetryAfterGate"/> into the resilience pipeline, between the retry and the
    /// per-attempt timeout: each attempt first waits for the gate (so the wait never counts against the attempt's
    /// timeout, only against the call's), and a 429 whose Retry-After the client honours closes the gate for everyone.
    /// </summary>
    internal sealed class RetryAfterGateStrategy : ResilienceStrategy<HttpResponseMessage>
    {
        private const int TooManyRequests = 429;
        private readonly RetryAfterGate _gate;
        private readonly TimeSpan _longestHonoured;

        public RetryAfterGateStrategy(RetryAfterGate gate, TimeSpan longestHonoured)
        {
            _gate = gate;
            _longestHonoured = longestHonoured;
        }

        protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
        {
            try
            {
                await _gate.WaitAsync(context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException ex)
            {
                return Outcome.FromException<HttpResponseMessage>(ex);
            }

            var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            if (outcome.Result is HttpResponseMessage response && (int)response.StatusCode == TooManyRequests
                && ApiResponseReader.RetryAfterOf(response) is TimeSpan wait && wait <= _longestHonoured)
            {
                // A longer wait is refused (the call fails with TooManyRequests): holding the session that long would look like a hang.
                _gate.Defer(wait);
            }

            return outcome;
        }
    }
}
