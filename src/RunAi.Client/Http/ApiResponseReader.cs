using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;
using RunAi.Client.Json;

namespace RunAi.Client.Http
{
    /// <summary>Turns an HTTP answer into a typed result or a <see cref="RunAiApiException"/> that says what happened.</summary>
    internal static class ApiResponseReader
    {
        private const int MaxErrorBodyChars = 16 * 1024;
        private static readonly Regex Tags = new Regex("<[^>]*>", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        private static readonly Regex Spaces = new Regex(@"\s+", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public static async Task<T> ReadAsync<T>(
            HttpResponseMessage response, HttpRequestMessage request, JsonTypeInfo<T> typeInfo, ReadLimits limits, CancellationToken cancellationToken)
        {
            var method = request.Method.Method;
            var path = PathOf(request);
            if (!response.IsSuccessStatusCode)
            {
                throw await ToExceptionAsync(response, request, limits, cancellationToken).ConfigureAwait(false);
            }

            // One page at a time is held (at most MaxResponseBytes), so memory stays flat over a long list. Having
            // the bytes lets escaped strings be checked before they reach fields read lazily (unknown fields).
            using var body = await ReadBodyAsync(response, request, limits, cancellationToken).ConfigureAwait(false);
            try
            {
                var json = JsonText.WithoutBom(body.Bytes);
                JsonText.RequireReadableStrings(json);
                SkippedNullItems.Reset();
                var result = JsonSerializer.Deserialize(json, typeInfo);
                var skipped = SkippedNullItems.Count;
                if (result is null)
                {
                    throw new RunAiApiException(
                        RunAiFailureKind.InvalidResponse, method, path, $"{method} {path} answered 'null' instead of the documented JSON object.")
                    { StatusCode = (int)response.StatusCode };
                }

                var hole = NullItems.Find(result);
                if (hole != null)
                {
                    throw new RunAiApiException(
                        RunAiFailureKind.InvalidResponse, method, path, $"{method} {path} answered {RunAiApiException.Describe((int)response.StatusCode)} with a list that holds null instead of an object ({hole}).")
                    { StatusCode = (int)response.StatusCode };
                }

                if (skipped > 0)
                {
                    RunAiDiagnostics.Debug(string.Format(
                        CultureInfo.InvariantCulture, "{0} {1}: skipped {2} null item{3} in a list whose items the API documents as nullable.", method, path, skipped, skipped == 1 ? string.Empty : "s"));
                }

                return result;
            }
            catch (JsonException ex)
            {
                // All System.Text.Json reports for a body it cannot read, its converters' and reader's errors included.
                // Anything else thrown while reading (a NullReferenceException in a model) is the client's own bug and
                // surfaces as one, never blamed on the server.
                throw new RunAiApiException(
                    RunAiFailureKind.InvalidResponse, method, path,
                    $"{method} {path} answered {RunAiApiException.Describe((int)response.StatusCode)} with a body that is not the documented JSON: {Reason(ex)}.",
                    ex)
                { StatusCode = (int)response.StatusCode };
            }
        }

        /// <summary>
        /// System.Text.Json's whole message (the type's full name has dots: cutting at the first one lost the type and the
        /// JSON path), with the path and position added when the message does not carry them (a converter's own message).
        /// </summary>
        internal static string Reason(JsonException ex)
        {
            var reason = ex.Message.Trim().TrimEnd('.');
            if (!string.IsNullOrEmpty(ex.Path) && reason.IndexOf(ex.Path, StringComparison.Ordinal) < 0)
            {
                reason += FormattableString.Invariant($" (at {ex.Path})");
            }

            if (ex.LineNumber is long line && reason.IndexOf("LineNumber", StringComparison.Ordinal) < 0)
            {
                reason += FormattableString.Invariant($" (line {line + 1}, byte {ex.BytePositionInLine})");
            }

            return reason;
        }

        /// <summary>
        /// The whole body: normally already read by <see cref="ResilienceHandler"/> inside the attempt (so its faults
        /// were retried there); read here, with the same checks, for a response that did not come through it.
        /// </summary>
        private static async Task<ResponseBody> ReadBodyAsync(
            HttpResponseMessage response, HttpRequestMessage request, ReadLimits limits, CancellationToken cancellationToken)
        {
            if (response.Content is BufferedBody buffered)
            {
                return buffered.Body;
            }

            try
            {
                return await BufferedBody.ReadAsync(response, request, limits, cancellationToken).ConfigureAwait(false);
            }
            catch (BodyFaultException ex)
            {
                var method = request.Method.Method;
                var path = PathOf(request);
                throw new RunAiApiException(
                    ex.Kind, method, path, $"{method} {path} answered {RunAiApiException.Describe(ex.StatusCode)}, but {ex.Message}.", ex)
                { StatusCode = ex.StatusCode };
            }
        }

        public static async Task<RunAiApiException> ToExceptionAsync(
            HttpResponseMessage response, HttpRequestMessage request, ReadLimits limits, CancellationToken cancellationToken)
        {
            var method = request.Method.Method;
            var path = PathOf(request);
            var status = (int)response.StatusCode;
            var state = RequestState.Of(request);
            var text = await ReadTextAsync(response, limits.BodyTimeout, cancellationToken).ConfigureAwait(false);
            var body = TryParseError(text);
            var apiMessage = body?.Message;
            var plain = body is null ? Summarize(text, response.Content.Headers.ContentType?.MediaType) : null;

            var message = new StringBuilder();
            message.Append(method).Append(' ').Append(path).Append(" failed");
            if (state.Attempts > 1)
            {
                message.Append(" after ").Append(state.Attempts).Append(" attempts; last status ");
            }
            else
            {
                message.Append(": ");
            }

            message.Append(RunAiApiException.Describe(status));
            if (!string.IsNullOrWhiteSpace(apiMessage))
            {
                message.Append(": ").Append(apiMessage);
            }
            else if (!string.IsNullOrWhiteSpace(plain))
            {
                message.Append(": ").Append(plain);
            }

            if (!string.IsNullOrWhiteSpace(body?.Details))
            {
                message.Append(" (").Append(body!.Details).Append(')');
            }

            var retryAfter = RetryAfterOf(response);
            if (state.RetryAfterRefused is TimeSpan refused)
            {
                message.Append(". The server asked to wait ").Append(refused.TotalSeconds.ToString("0", CultureInfo.InvariantCulture))
                    .Append(" s before retrying, longer than the client waits at most; try again later");
            }

            return new RunAiApiException(RunAiFailureKind.HttpStatus, method, path, message.ToString().TrimEnd('.') + ".")
            {
                StatusCode = status,
                ErrorCode = body?.ErrorCode ?? body?.Code,
                ApiMessage = apiMessage,
                Details = body?.Details,
                Attempts = Math.Max(1, state.Attempts),
                RetryAfter = retryAfter,
            };
        }

        public static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (header?.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            return null;
        }

        public static string PathOf(HttpRequestMessage request)
        {
            var uri = request.RequestUri;
            if (uri is null)
            {
                return string.Empty;
            }

            return uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        }

        private static async Task<string> ReadTextAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                return await BodyDeadline.RunAsync(response, timeout, async (content, token) =>
                {
                    using var stream = await BodyDeadline.OpenAsync(content, token).ConfigureAwait(false);
                    var buffer = new char[MaxErrorBodyChars];
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    var read = 0;
                    try
                    {
                        while (read < buffer.Length)
                        {
                            token.ThrowIfCancellationRequested();
                            var n = await reader.ReadAsync(buffer, read, buffer.Length - read).ConfigureAwait(false);
                            if (n == 0)
                            {
                                break;
                            }

                            read += n;
                        }
                    }
                    catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is HttpRequestException)
                    {
                        // A body cut short (or a compressed one that cannot be decoded) still tells what it managed to say.
                    }

                    return new string(buffer, 0, read);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The status already says what happened; the error's body is not worth a hang.
                return string.Format(CultureInfo.InvariantCulture, "(the body did not arrive within {0:0.#} s)", timeout.TotalSeconds);
            }
        }

        private static ApiErrorBody? TryParseError(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
            {
                return null;
            }

            try
            {
                var body = JsonSerializer.Deserialize(text, RunAiJsonContext.Default.ApiErrorBody);
                return body is null || (body.Message is null && body.Code is null && body.ErrorCode is null) ? null : body;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string Summarize(string text, string? mediaType)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return "(empty body)";
            }

            var plain = Spaces.Replace(Tags.Replace(text, " "), " ").Trim();
            if (plain.Length > 200)
            {
                plain = plain.Substring(0, 200) + "…";
            }

            return mediaType is null || mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0
                ? plain
                : $"the answer is {mediaType}, not JSON: {plain}";
        }

    }
}
