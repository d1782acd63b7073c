using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Client.Http
{
    /// <summary>
    /// An answer's whole body, in a buffer from the shared pool. A page of workloads is about a megabyte: a new buffer
    /// per page (grown by doubling when the length is not known up front) put several megabytes on the large-object heap
    /// for every page, and a long listing spent more time in the garbage collector than in parsing. The buffer goes back
    /// to the pool, cleared (a body may hold a token), on <see cref="Dispose"/>.
    /// </summary>
    internal sealed class ResponseBody : IDisposable
    {
        private const int UnknownLengthStart = 16 * 1024;
        private byte[] _buffer;
        private int _length;

        private ResponseBody(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

        public ReadOnlySpan<byte> Bytes => new ReadOnlySpan<byte>(_buffer, 0, _length);

        /// <summary>Reads <paramref name="stream"/> to its end; <paramref name="expectedLength"/> (Content-Length) sizes the buffer when known.</summary>
        public static async Task<ResponseBody> ReadAsync(Stream stream, long? expectedLength, CancellationToken cancellationToken)
        {
            // One byte more than announced, so the read that finds the end needs no larger buffer.
            var body = new ResponseBody(expectedLength is long length && length > 0 && length < int.MaxValue ? (int)length + 1 : UnknownLengthStart);
            try
            {
                while (true)
                {
                    if (body._length == body._buffer.Length)
                    {
                        body.Grow();
                    }

#if NET
                    var read = await stream.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken).ConfigureAwait(false);
#else
                    var read = await stream.ReadAsync(body._buffer, body._length, body._buffer.Length - body._length, cancellationToken).ConfigureAwait(false);
#endif
                    if (read == 0)
                    {
                        return body;
                    }

                    body._length += read;
                }
            }
            catch
            {
                body.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            var buffer = Interlocked.Exchange(ref _buffer, Array.Empty<byte>());
            if (buffer.Length > 0)
            {
                Array.Clear(buffer, 0, _length);
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _length = 0;
        }

        private void Grow()
        {
            var larger = ArrayPool<byte>.Shared.Rent(checked(_buffer.Length * 2));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _length);
            Array.Clear(_buffer, 0, _length);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
