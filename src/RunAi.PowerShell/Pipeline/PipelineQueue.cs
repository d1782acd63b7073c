using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// Carries one piece of work's output from the thread pool to the pipeline thread, where PowerShell requires every
    /// Write* call. Objects streamed from the server travel in batches (<see cref="WriteAllAsync"/>: the items that have
    /// arrived, at most <see cref="BatchSize"/>), which wait for room (at most <see cref="Capacity"/> objects queued), so
    /// a fast server cannot fill memory while a slow pipeline consumes; the wait is an await, so a full queue never holds
    /// a pool thread (many lanes waiting at once would starve the HTTP completions). Batches because a hand-over between
    /// threads per object (a lock, a wake-up, the pipeline thread's wait) cost more than PowerShell's own work per object.
    /// Everything else is queued at once: diagnostics come from the handler chain's synchronous callbacks, which must
    /// neither block nor be dropped, and an answer the work already holds whole gains nothing from waiting.
    /// </summary>
    internal sealed class PipelineQueue : IRunAiDiagnosticsListener, IRunAiWaitListener, IDisposable
    {
        /// <summary>How many streamed objects may wait to be written.</summary>
        internal const int Capacity = BatchSize * Batches;

        /// <summary>The most objects one hand-over carries.</summary>
        internal const int BatchSize = 64;

        private const int Batches = 4;

        // Unbounded here: the bound on streamed objects is _room (a place per batch), which writers await; TryTake's timed wait is what lets the
        // pipeline thread refresh progress while a page is slow.
        private readonly BlockingCollection<PipelineMessage> _messages = new BlockingCollection<PipelineMessage>();
        private readonly SemaphoreSlim _room = new SemaphoreSlim(Batches, Batches);
        private readonly CancellationToken _cancellation;
        private readonly ProgressReporter? _progress;

        public PipelineQueue(CancellationToken cancellation, ProgressReporter? progress = null)
        {
            _cancellation = cancellation;
            _progress = progress;
        }

        /// <summary>The work completed and every message was taken.</summary>
        public bool IsCompleted => _messages.IsCompleted;

        /// <summary>Queues an item of an answer the work already holds in memory, without waiting.</summary>
        public void WriteObject(object? item) => Add(new PipelineMessage(PipelineMessageKind.Object, item));

        /// <summary>Queues the total for -IncludeTotalCount, written before the items it counts.</summary>
        public void WriteTotalCount(long total) => Add(new PipelineMessage(PipelineMessageKind.TotalCount, total));

        public void WriteError(ErrorRecord error) => Add(new PipelineMessage(PipelineMessageKind.Error, error));

        public void WriteWarning(string text) => Add(new PipelineMessage(PipelineMessageKind.Warning, text));

        public void WriteVerbose(string message) => Add(new PipelineMessage(PipelineMessageKind.Verbose, message));

        public void WriteProgress(ProgressRecord record) => Add(new PipelineMessage(PipelineMessageKind.Progress, record));

        void IRunAiDiagnosticsListener.Verbose(string message) => WriteVerbose(message);

        void IRunAiDiagnosticsListener.Debug(string message) => Add(new PipelineMessage(PipelineMessageKind.Debug, message));

        void IRunAiDiagnosticsListener.PageReceived(string what, int pageNumber, int itemCount) => _progress?.PageReceived(what);

        void IRunAiWaitListener.Waiting(TimeSpan wait, string reason) => _progress?.Waiting(wait, reason);

        /// <summary>
        /// Streams <paramref name="source"/> into the queue, each item shaped by <paramref name="convert"/> if given. Items
        /// go in batches of what has arrived: a batch is handed over when it is full, and before waiting for an item that is
        /// not there yet (the next page), so nothing that arrived waits for what has not; and before a failure, so the
        /// items that came before it are written before it.
        /// </summary>
        public async Task WriteAllAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> source, Func<T, object?>? convert, CancellationToken cancellationToken)
        {
            var items = source(cancellationToken).GetAsyncEnumerator(cancellationToken);
            var batch = new List<object?>(BatchSize);
            var next = default(ValueTask<bool>);
            var nextPending = false;
            try
            {
                while (true)
                {
                    next = items.MoveNextAsync();
                    nextPending = true;
                    if (!next.IsCompleted && batch.Count > 0)
                    {
                        await WriteBatchAsync(batch).ConfigureAwait(false);
                        batch = new List<object?>(BatchSize);
                    }

                    nextPending = false;
                    bool more;
                    try
                    {
                        more = await next.ConfigureAwait(false);
                    }
                    catch (Exception) when (batch.Count > 0 && !cancellationToken.IsCancellationRequested)
                    {
                        // A page read ahead can have failed before the reader got to it, so the failure comes at once,
                        // with the items before it still in the batch: they go out first, then the failure.
                        await WriteBatchAsync(batch).ConfigureAwait(false);
                        throw;
                    }

                    if (!more)
                    {
                        break;
                    }

                    batch.Add(convert is null ? items.Current : convert(items.Current));
                    if (batch.Count == BatchSize)
                    {
                        await WriteBatchAsync(batch).ConfigureAwait(false);
                        batch = new List<object?>(BatchSize);
                    }
                }

                if (batch.Count > 0)
                {
                    await WriteBatchAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                if (nextPending)
                {
                    // Stopped while the next item was on its way: a sequence is disposed only once its MoveNextAsync ended.
                    await EndQuietlyAsync(next).ConfigureAwait(false);
                }

                await items.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>No more messages will come: the drain ends once the queue is empty.</summary>
        public void Complete() => _messages.CompleteAdding();

        /// <summary>
        /// Takes the next message, waiting at most <paramref name="wait"/> (zero: only what is already there). False when
        /// none came in time (the caller can refresh progress and wait again) or when the work completed;
        /// <see cref="IsCompleted"/> tells which.
        /// </summary>
        public bool TryTake(out PipelineMessage message, TimeSpan wait, CancellationToken cancellationToken)
        {
            if (!_messages.TryTake(out message, (int)wait.TotalMilliseconds, cancellationToken))
            {
                return false;
            }

            if (message.HoldsRoom)
            {
                _room.Release();
            }

            return true;
        }

        /// <summary>Called only once the work has ended (a waiting write would otherwise meet a disposed semaphore).</summary>
        public void Dispose()
        {
            _room.Dispose();
            _messages.Dispose();
        }

        /// <summary>Queues a batch of streamed objects, waiting (without blocking a thread) while the queue is full.</summary>
        private async ValueTask WriteBatchAsync(List<object?> batch)
        {
            await _room.WaitAsync(_cancellation).ConfigureAwait(false);
            if (!TryAdd(new PipelineMessage(PipelineMessageKind.Objects, batch, holdsRoom: true)))
            {
                // The pipeline stopped listening (Select-Object -First, Ctrl+C).
                _room.Release();
            }
        }

        private static async ValueTask EndQuietlyAsync(ValueTask<bool> next)
        {
            try
            {
                await next.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The call is already ending with the exception that stopped it; how this fetch ended has no reader.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        private void Add(PipelineMessage message) => TryAdd(message);

        /// <summary>False once the queue is completed: late output of a stopped call has nowhere to go.</summary>
        private bool TryAdd(PipelineMessage message)
        {
            try
            {
                return _messages.TryAdd(message);
            }
            catch (InvalidOperationException) when (_messages.IsAddingCompleted)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                // Released after the work ended: a diagnostics line from a request still unwinding is dropped.
                return false;
            }
        }
    }
}
