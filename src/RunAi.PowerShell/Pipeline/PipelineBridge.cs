using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// The one way async client work reaches the pipeline. Work runs on the thread pool in a <see cref="Lane"/> and
    /// queues what it produces; the pipeline thread (the only one PowerShell lets write) writes the queue as items arrive,
    /// refreshing progress while it waits. Ctrl+C, or a downstream <c>Select-Object -First</c>, cancels the work and any
    /// request in flight. <see cref="FanOut"/> runs many lanes at once through the same writing.
    /// </summary>
    internal sealed class PipelineBridge : IDisposable
    {
        private readonly PSCmdlet _cmdlet;
        private readonly ProgressReporter _progress;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        public PipelineBridge(PSCmdlet cmdlet, ProgressReporter progress)
        {
            _cmdlet = cmdlet;
            _progress = progress;
        }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        public CancellationToken Stopping => _stopping.Token;

        /// <summary>Called from StopProcessing (any thread).</summary>
        public void Stop() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();

        /// <summary>
        /// Runs <paramref name="work"/> and writes what it queues, in order, as it arrives. Returns the client failure
        /// that ended it (after everything queued before it was written), or null when it succeeded or was stopped.
        /// <paramref name="whenDone"/> runs once the work has really ended, which after Ctrl+C may be after this returns.
        /// </summary>
        public RunAiApiException? Run(Func<PipelineQueue, CancellationToken, Task> work, Action? whenDone = null)
        {
            var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var lane = new Lane(work, _progress, run.Token, whenDone);
            _progress.InputStarted();
            lane.Start();
            try
            {
                WriteUntilEnded(lane);
                lane.RethrowFault();
                return lane.Failure;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell reports the stop itself.
                return null;
            }
            finally
            {
                // Downstream stopped early (Select-Object -First) or the user pressed Ctrl+C: stop the work and any request in flight.
                run.Cancel();
                lane.Release(run);
            }
        }

        /// <summary>Streams an async sequence onto the pipeline, each item converted by <paramref name="convert"/> if given.</summary>
        public RunAiApiException? Stream<T>(Func<CancellationToken, IAsyncEnumerable<T>> source, Func<T, object?>? convert = null, Action? whenDone = null) =>
            Run((queue, token) => queue.WriteAllAsync(source, convert, token), whenDone);

        /// <summary>
        /// Runs <paramref name="work"/> for its value, writing its diagnostics on the way. The outcome is the value, the
        /// client failure, or neither when the pipeline was stopped.
        /// </summary>
        public (bool Succeeded, T Value, RunAiApiException? Failure) Invoke<T>(Func<CancellationToken, Task<T>> work, Action? whenDone = null)
        {
            var value = default(T)!;
            var succeeded = false;
            var failure = Run(async (queue, token) =>
            {
                value = await work(token).ConfigureAwait(false);
                succeeded = true;
            },
            whenDone);
            return (succeeded && !_stopping.IsCancellationRequested, value, failure);
        }

        /// <summary>Writes what <paramref name="lane"/> has queued so far, without waiting. True once the lane has ended and all of it was written.</summary>
        internal bool WriteReady(Lane lane)
        {
            var wrote = true;
            while (wrote)
            {
                wrote = WriteNext(lane.Queue, TimeSpan.Zero);
            }

            _progress.Update(_cmdlet);
            return lane.Queue.IsCompleted;
        }

        /// <summary>Writes what <paramref name="lane"/> queues until it has ended and all of it was written.</summary>
        internal void WriteUntilEnded(Lane lane)
        {
            // Waits in short steps rather than blocking until the next message, so a slow page still refreshes progress.
            while (!lane.Queue.IsCompleted)
            {
                WriteNext(lane.Queue, ProgressReporter.Interval);
                _progress.Update(_cmdlet);
            }
        }

        private bool WriteNext(PipelineQueue queue, TimeSpan wait)
        {
            if (!queue.TryTake(out var message, wait, _stopping.Token))
            {
                return false;
            }

            _progress.ItemsWritten(message.WriteTo(_cmdlet));

            return true;
        }
    }
}
