using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.Client.Diagnostics;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// One pipeline input's work: it runs on the thread pool and queues what it produces (items, warnings, its requests'
    /// diagnostics) in its own bounded <see cref="PipelineQueue"/>, which the pipeline thread writes when the lane's turn
    /// comes. How it ended is kept for that moment: a client failure, or a fault that is not one (a bug), which is
    /// rethrown on the pipeline thread as it would have been without the lane.
    /// </summary>
    internal sealed class Lane
    {
        private readonly Func<PipelineQueue, CancellationToken, Task> _work;
        private readonly CancellationToken _cancellation;
        private readonly TaskCompletionSource<bool> _ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private RunAiApiException? _failure;
        private ExceptionDispatchInfo? _fault;
        private readonly Action? _whenDone;
        private int _started;
        private int _released;

        /// <summary>A lane for <paramref name="work"/>; <paramref name="whenDone"/> runs once the work has really ended and the lane is released (e.g. the session lease).</summary>
        public Lane(Func<PipelineQueue, CancellationToken, Task> work, ProgressReporter progress, CancellationToken cancellation, Action? whenDone = null)
        {
            _work = work;
            _whenDone = whenDone;
            _cancellation = cancellation;
            Queue = new PipelineQueue(cancellation, progress);
        }

        public PipelineQueue Queue { get; }

        /// <summary>Completes when the work has ended, however it ended.</summary>
        public Task Ended => _ended.Task;

        /// <summary>The client failure that ended the work (null when it succeeded or was stopped); read once <see cref="Queue"/> is completed.</summary>
        public RunAiApiException? Failure => Volatile.Read(ref _failure);

        public void Start()
        {
            Interlocked.Exchange(ref _started, 1);
            _ = Task.Run(RunAsync, CancellationToken.None);
        }

        /// <summary>Rethrows, on the pipeline thread, a fault that is not a client failure.</summary>
        public void RethrowFault() => Volatile.Read(ref _fault)?.Throw();

        /// <summary>
        /// Disposes the queue once the work has really ended. After a stop the pipeline
        /// moves on at once while the cancelled request unwinds on the pool; disposing under it would turn a quiet stop into
        /// an ObjectDisposedException on a thread nobody observes. A lane never started is released at once.
        /// </summary>
        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            if (Volatile.Read(ref _started) == 0 || Ended.IsCompleted)
            {
                Free();
                return;
            }

            _ = Ended.ContinueWith(
                _ => Free(),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        private void Free()
        {
            Queue.Dispose();
            _whenDone?.Invoke();
        }

        private async Task RunAsync()
        {
            try
            {
                using (RunAiDiagnostics.Listen(Queue))
                {
                    await _work(Queue, _cancellation).ConfigureAwait(false);
                }
            }
            catch (RunAiApiException ex) when (!_cancellation.IsCancellationRequested)
            {
                Volatile.Write(ref _failure, ex);
            }
            catch (Exception ex) when (_cancellation.IsCancellationRequested && (ex is OperationCanceledException || ex is RunAiApiException))
            {
                // Stopped (Ctrl+C, Select-Object -First): whatever the cancelled request ended with has no reader.
            }
#pragma warning disable CA1031 // Not swallowed: kept and rethrown on the pipeline thread (RethrowFault), where PowerShell reports it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _fault, ExceptionDispatchInfo.Capture(ex));
            }
            finally
            {
                Queue.Complete();
                _ended.TrySetResult(true);
            }
        }
    }
}
