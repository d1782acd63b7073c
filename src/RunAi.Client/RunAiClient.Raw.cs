using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Http;
using RunAi.Client.Json;
using RunAi.Client.Paging;

namespace RunAi.Client
{
    public sealed partial class RunAiClient
    {
        /// <summary>
        /// Sends any request under the session's base address with its authentication, retries and error handling,
        /// and returns the JSON answer as plain .NET values (dictionaries, arrays, strings, numbers, booleans; null for no body).
        /// </summary>
        /// <param name="method">GET, POST, PUT, PATCH, DELETE, …</param>
        /// <param name="path">A path relative to the base address (<c>api/v1/workloads</c>, <c>/v0/cluster/events/latest</c>), or an absolute address on the same host.</param>
        /// <param name="query">Query parameters; a key given more than once is sent once, its values joined by commas (the API's form style for arrays such as <c>filterBy</c>).</param>
        /// <param name="jsonBody">The JSON body, or null for none.</param>
        /// <param name="cancellationToken">Cancels the request.</param>
        public async Task<object?> SendRawAsync(
            string method, string path, IEnumerable<KeyValuePair<string, string>>? query = null, string? jsonBody = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(method))
            {
                throw new ArgumentException("A method is required.", nameof(method));
            }

            var uri = ResolveRaw(path, query).ToUri();
            using var request = new HttpRequestMessage(new HttpMethod(method.Trim().ToUpperInvariant()), uri);
            if (jsonBody != null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            using var response = await _http.Api().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && (response.StatusCode == System.Net.HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0))
            {
                return null;
            }

            var element = await ApiResponseReader.ReadAsync(response, request, RunAiJsonContext.Default.JsonElement, _limits, cancellationToken).ConfigureAwait(false);
            return PlainJson.ToValue(element);
        }

        /// <summary>
        /// Streams the items of a list answer under the base address, following <c>next</c> with <c>offset</c>/<c>limit</c>.
        /// The items are the array property named <paramref name="itemsProperty"/>, else the answer's only array property,
        /// else the answer itself when it is an array.
        /// </summary>
        public IAsyncEnumerable<object?> StreamRawAsync(
            string path, IEnumerable<KeyValuePair<string, string>>? query = null, string? itemsProperty = null, PagingOptions? paging = null, CancellationToken cancellationToken = default)
        {
            var fixedQuery = (query ?? Enumerable.Empty<KeyValuePair<string, string>>())
                .Where(p => p.Key != "offset" && p.Key != "limit").ToList();
            var display = "/" + (path ?? string.Empty).TrimStart('/').Split('?')[0];
            return Pager.StreamAsync<object?>(
                display, display, paging ?? new PagingOptions(),
                async (offset, limit, token) =>
                {
                    var uri = ResolveRaw(path!, fixedQuery).Add("offset", offset).Add("limit", limit);
                    var (_, root) = await SendWithStatusAsync(HttpMethod.Get, uri.ToUri(), null, RunAiJsonContext.Default.JsonElement, token).ConfigureAwait(false);
                    return ToRawPage(root, itemsProperty, display);
                },
                cancellationToken);
        }

        private async Task<(int Status, T Value)> SendWithStatusAsync<T>(HttpMethod method, Uri uri, string? jsonBody, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (jsonBody != null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            using var response = await _http.Api().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var value = await ApiResponseReader.ReadAsync(response, request, typeInfo, _limits, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, value);
        }

        private static Page<object?> ToRawPage(JsonElement root, string? itemsProperty, string path)
        {
            if (root.ValueKind == JsonValueKind.Array)
            {
                return new Page<object?>(root.EnumerateArray().Select(e => PlainJson.ToValue(e)).ToList(), null);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RunAiApiException(RunAiFailureKind.InvalidResponse, "GET", path, $"GET {path} answered {root.ValueKind}, not a list page (an object with an array of items and 'next').");
            }

            var arrays = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList();
            JsonProperty items;
            if (!string.IsNullOrEmpty(itemsProperty))
            {
                var named = arrays.Where(p => string.Equals(p.Name, itemsProperty, StringComparison.OrdinalIgnoreCase)).ToList();
                if (named.Count == 0)
                {
                    throw new RunAiApiException(
                        RunAiFailureKind.InvalidResponse, "GET", path,
                        $"GET {path} answered without an array property '{itemsProperty}'. Array properties: {Names(arrays)}.");
                }

                items = named[0];
            }
            else if (arrays.Count == 1)
            {
                items = arrays[0];
            }
            else
            {
                throw new RunAiApiException(
                    RunAiFailureKind.InvalidResponse, "GET", path,
                    $"GET {path} answered with {arrays.Count} array properties ({Names(arrays)}); name the one to stream with -ItemsProperty.");
            }

            long? next = root.TryGetProperty("next", out var nextElement) && nextElement.ValueKind == JsonValueKind.Number && nextElement.TryGetInt64(out var n) ? n : (long?)null;
            return new Page<object?>(items.Value.EnumerateArray().Select(e => PlainJson.ToValue(e)).ToList(), next);
        }

        private static string Names(IEnumerable<JsonProperty> properties)
        {
            var names = properties.Select(p => p.Name).ToList();
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }

        private QueryBuilder ResolveRaw(string path, IEnumerable<KeyValuePair<string, string>>? query)
        {
            var uri = new QueryBuilder(RelativePathFor(path));

            // A key given more than once is an array: sent the way the API documents its arrays (form style, not
            // exploded), so a raw request puts the same bytes on the wire as the typed operations.
            foreach (var key in (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).GroupBy(p => p.Key, p => p.Value ?? string.Empty, StringComparer.Ordinal))
            {
                var values = key.ToList();
                uri.Add(key.Key, values.Count == 1 ? values[0] : QueryBuilder.Join(key.Key, values));
            }

            return uri;
        }

        /// <summary>
        /// The path relative to the base address that <see cref="SendRawAsync"/> would call for <paramref name="path"/>;
        /// an ArgumentException for an address on another host or outside the base address (the token is only sent there).
        /// </summary>
        public string RelativePathFor(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("A path is required.", nameof(path));
            }

            var relative = path.Trim();
            if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            {
                var root = Options.BaseUri.GetLeftPart(UriPartial.Path);
                root = root.EndsWith("/", StringComparison.Ordinal) ? root : root + "/";
                if (!absolute.AbsoluteUri.StartsWith(root, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException(
                        $"'{path}' is not under the session's address {root}: the session's credentials are only sent there. Pass a path relative to it, e.g. 'api/v1/workloads'.",
                        nameof(path));
                }

                relative = absolute.AbsoluteUri.Substring(root.Length);
            }
            else if (relative.IndexOf("://", StringComparison.Ordinal) >= 0 || relative.StartsWith("//", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{path}' is not a path relative to the session's address.", nameof(path));
            }

            return relative.TrimStart('/');
        }
    }
}
