using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Client.Http
{
    /// <summary>
    /// A successful answer's whole body, read inside the attempt that received its headers (see
    /// <see cref="ResilienceHandler"/>), so that a fault while the body arrives is retried like a fault before the
    /// headers. It replaces the response's content; <see cref="ApiResponseReader"/> takes the bytes from it without a
    /// copy. The bytes stay in <see cref="ResponseBody"/>'s pooled buffer, returned when the response is disposed.
    /// </summary>
    internal sealed class BufferedBody : HttpContent
    {
        private BufferedBody(ResponseBody body, HttpContent original)
        {
            Body = body;
            foreach (var header in original.Headers)
            {
                // As the server sent them (a Content-Length too, and none where it sent none).
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        public ResponseBody Body { get; }

        /// <summary>
        /// Reads the body of <paramref name="response"/> and puts it in place of the response's content. On failure the
        /// response is disposed (its connection closed) and the exception says whether another attempt may help:
        /// <see cref="BodyFaultException"/> when it may, <see cref="RunAiApiException"/> when it will not (too large,
        /// no body within the body timeout).
        /// </summary>
        public static async Task LoadAsync(HttpResponseMessage response, HttpRequestMessage request, ReadLimits limits, CancellationToken cancellationToken)
        {
            try
            {
                var original = response.Content;
                var body = await ReadAsync(response, request, limits, cancellationToken).ConfigureAwait(false);
                response.Content = new BufferedBody(body, original);
                original.Dispose();
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The whole body, read within the body timeout (on every runtime) and the size cap, and checked to be complete.
        /// </summary>
        /// <remarks>
        /// A fault is a <see cref="BodyFaultException"/>, and worth another attempt: the connection reset or closed
        /// before the announced length or the last chunk (IOException, HttpIOException on .NET 8), or a gzip/deflate body
        /// that cannot be decoded (InvalidDataException), or JSON that stops before its last closing bracket. Which
        /// kind it ends in once no attempt is left is decided by what the client can know:
        /// <list type="bullet">
        /// <item><see cref="RunAiFailureKind.Transport"/> when the bytes did not arrive as sent: the transport or the
        /// decompressor failed, or the body's end was only the connection closing (no Content-Length, not chunked),
        /// so nothing says the server meant to stop there.</item>
        /// <item><see cref="RunAiFailureKind.InvalidResponse"/> when every byte the framing announced arrived (a
        /// Content-Length met, a last chunk) but the JSON in it stops early: the answer arrived whole and is not the
        /// documented JSON, as it always was. It is still retried, as a proxy or server that cut an answer short
        /// once usually does not the next time.</item>
        /// </list>
        /// A complete body that is not JSON at all (a proxy's HTML page) is no fault here: it is read again the same
        /// way, so it is not retried, and <see cref="ApiResponseReader"/> reports it as InvalidResponse.
        /// </remarks>
        public static async Task<ResponseBody> ReadAsync(
            HttpResponseMessage response, HttpRequestMessage request, ReadLimits limits, CancellationToken cancellationToken)
        {
            var method = request.Method.Method;
            var path = ApiResponseReader.PathOf(request);
            var status = (int)response.StatusCode;
            var length = response.Content.Headers.ContentLength;
            if (length > limits.MaxResponseBytes)
            {
                throw TooLarge(method, path, limits.MaxResponseBytes);
            }

            // Read before the body: after decompression .NET drops the Content-Length, which then reads as
            // close-delimited (Transport), the right side to err on for a body that went through a decoder.
            var closeDelimited = length is null && response.Headers.TransferEncodingChunked != true;
            ResponseBody body;
            try
            {
                body = await BodyDeadline.RunAsync(response, limits.BodyTimeout, async (content, token) =>
                {
                    using var stream = await BodyDeadline.OpenAsync(content, token).ConfigureAwait(false);
                    using var limited = new LimitedReadStream(stream, limits.MaxResponseBytes);
                    return await ResponseBody.ReadAsync(limited, length, token).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ResponseTooLargeException ex)
            {
                throw TooLarge(method, path, ex.Limit);
            }
            catch (TimeoutException ex)
            {
                // Not retried: a server that stalls once mostly stalls again, and each attempt would wait the full timeout.
                throw new RunAiApiException(
                    RunAiFailureKind.Timeout, method, path,
                    string.Format(CultureInfo.InvariantCulture, "{0} {1} sent its headers but not its body within {2:0.#} s.", method, path, limits.BodyTimeout.TotalSeconds),
                    ex)
                { StatusCode = status };
            }
            catch (InvalidDataException ex)
            {
                throw new BodyFaultException(RunAiFailureKind.Transport, status, $"the compressed body could not be decoded ({ex.Message.TrimEnd('.')})", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is WebException)
            {
                throw new BodyFaultException(RunAiFailureKind.Transport, status, $"the connection broke while the body was read ({Innermost(ex).Message.TrimEnd('.')})", ex);
            }

            if (JsonText.EndsEarly(body.Bytes))
            {
                var received = body.Bytes.Length;
                body.Dispose();
                var where = closeDelimited
                    ? "the connection closed"
                    : "the server said it was complete";
                throw new BodyFaultException(
                    closeDelimited ? RunAiFailureKind.Transport : RunAiFailureKind.InvalidResponse,
                    status,
                    string.Format(CultureInfo.InvariantCulture, "the body's JSON stopped before it was complete ({0} after {1:N0} bytes)", where, received));
            }

            return body;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Body.Bytes.ToArray();
            return stream.WriteAsync(bytes, 0, bytes.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            // The headers keep what the server sent; a length it did not send is not invented.
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Body.Dispose();
            }

            base.Dispose(disposing);
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

        internal static RunAiApiException TooLarge(string method, string path, long limit) =>
            new RunAiApiException(
                RunAiFailureKind.InvalidResponse, method, path,
                FormattableString.Invariant($"{method} {path} answered with a body larger than {limit / (1024 * 1024)} MiB, far more than any page; the client stopped reading it."));
    }

    /// <summary>
    /// A successful answer whose body broke off or cannot be decoded: worth another attempt. Carries the kind the
    /// call ends in when no attempt is left (see <see cref="BufferedBody.ReadAsync"/>); never leaves the client.
    /// </summary>
    internal sealed class BodyFaultException : Exception
    {
        public BodyFaultException(RunAiFailureKind kind, int statusCode, string reason, Exception? innerException = null)
            : base(reason, innerException)
        {
            Kind = kind;
            StatusCode = statusCode;
        }

        public BodyFaultException()
        {
        }

        public BodyFaultException(string message)
            : base(message)
        {
        }

        public BodyFaultException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public RunAiFailureKind Kind { get; } = RunAiFailureKind.Transport;

        public int StatusCode { get; }
    }
}
