using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Follows redirects itself (the primary handler does not) so the Authorization header goes only to the
    /// host the user connected to: a hop to another scheme, host or port is sent without it. Each hop is a new
    /// request, so a retry or a token renewal above this handler still goes to the original address.
    /// </summary>
    internal sealed class RedirectHandler : DelegatingHandler
    {
        private const int MaxRedirects = 5;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var origin = request.RequestUri!;
            var current = request;
            var hops = new List<HttpRequestMessage>();
            try
            {
                for (var hop = 0; hop < MaxRedirects && IsRedirect((int)response.StatusCode) && response.Headers.Location != null; hop++)
                {
                    var location = response.Headers.Location;
                    var target = location.IsAbsoluteUri ? location : new Uri(current.RequestUri!, location);
                    var keepsMethod = (int)response.StatusCode == 307 || (int)response.StatusCode == 308;
                    response.Dispose();

                    var next = new HttpRequestMessage(keepsMethod ? current.Method : HttpMethod.Get, target);
                    hops.Add(next);
                    foreach (var header in request.Headers)
                    {
                        next.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }

                    if (keepsMethod)
                    {
                        next.Content = request.Content;
                    }

                    if (!SameOrigin(origin, target))
                    {
                        next.Headers.Authorization = null;
                        RunAiDiagnostics.Debug($"Redirected to {target.Scheme}://{target.Authority}; the Authorization header is not sent to another host.");
                    }

                    current = next;
                    response = await base.SendAsync(next, cancellationToken).ConfigureAwait(false);
                }

                return response;
            }
            finally
            {
                foreach (var hop in hops)
                {
                    // The content belongs to the original request; only the hop's own headers are released here.
                    hop.Content = null;
                }
            }
        }

        private static bool SameOrigin(Uri origin, Uri target) =>
            Uri.Compare(origin, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsRedirect(int code) => code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }
}
