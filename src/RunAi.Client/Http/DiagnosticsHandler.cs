using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Http
{
    /// <summary>One verbose line per attempt (method and path) and one debug line with status and timing. Headers are never logged.</summary>
    internal sealed class DiagnosticsHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.RequestUri?.PathAndQuery ?? string.Empty;
            RunAiDiagnostics.Verbose($"{request.Method.Method} {target}");
            var clock = Stopwatch.StartNew();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                RunAiDiagnostics.Debug(string.Format(
                    CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3} ms", request.Method.Method, request.RequestUri?.AbsolutePath, RunAiApiException.Describe((int)response.StatusCode), clock.ElapsedMilliseconds));
                return response;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException)
            {
                RunAiDiagnostics.Debug(string.Format(
                    CultureInfo.InvariantCulture, "{0} {1} -> {2} after {3} ms", request.Method.Method, request.RequestUri?.AbsolutePath, ex.GetType().Name, clock.ElapsedMilliseconds));
                throw;
            }
        }
    }
}
