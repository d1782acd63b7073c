using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace RunAi.Client.Http
{
    /// <summary>Reads through to a response stream and stops once more than a set number of bytes arrived.</summary>
    internal sealed class LimitedReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _limit;
        private long _read;

        public LimitedReadStream(Stream inner, long limit)
        {
            _inner = inner;
            _limit = limit;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

#if NET
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _inner.ReadAsync(new Memory<byte>(buffer, offset, count), cancellationToken).ConfigureAwait(false));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
#else
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            if (_read > _limit)
            {
                throw new ResponseTooLargeException(_limit);
            }

            return read;
        }
    }

    internal sealed class ResponseTooLargeException : IOException
    {
        public ResponseTooLargeException(long limit)
            : base("The response is larger than the limit.") => Limit = limit;

        public ResponseTooLargeException()
        {
        }

        public ResponseTooLargeException(string message)
            : base(message)
        {
        }

        public ResponseTooLargeException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public long Limit { get; }
    }
}
