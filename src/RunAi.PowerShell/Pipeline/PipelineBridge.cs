using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.Client.Diagnostics;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// The one way async client work reaches the pipeline. Work runs on the thread pool and queues what it produces;
    /// the pipeline thread (the only one PowerShell lets write) drains the queue as items arrive, refreshing progress
    /// while it waits. Ctrl+C, or a downstream <c>Select-Object -First</c>, cancels the work and any request in flight.
    /// </summary>
    internal sealed class PipelineBridge : IDisposable
    {
        private readonly Cmdlet _cmdlet;
        private readonly ProgressReporter _progress;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        public PipelineBridge(Cmdlet cmdlet, ProgressReporter progress)
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
            _progress.InputStarted();
            var queue = new PipelineQueue(run.Token, _progress);
            RunAiApiException? failure = null;
            var task = Task.Run(
                async () =>
                {
                    try
                    {
                        using (RunAiDiagnostics.Listen(queue))
                        {
                            await work(queue, run.Token).ConfigureAwait(false);
                        }
                    }
                    catch (RunAiApiException ex) when (!run.IsCancellationRequested)
                    {
                        failure = ex;
                    }
                    catch (Exception ex) when (run.IsCancellationRequested && (ex is OperationCanceledException || ex is RunAiApiException))
                    {
                        // Stopped (Ctrl+C, Select-Object -First): whatever the cancelled request ended with has no reader.
                    }
                    finally
                    {
                        queue.Complete();
                    }
                },
                CancellationToken.None);

            try
            {
                // Waits in short steps rather than blocking until the next message, so a slow page still refreshes progress.
                while (!queue.IsCompleted)
                {
                    if (queue.TryTake(out var message, ProgressReporter.Interval, _stopping.Token))
                    {
                        message.WriteTo(_cmdlet);
                        if (message.Kind == PipelineMessageKind.Object)
                        {
                            _progress.ItemWritten();
                        }
                    }

                    _progress.Update(_cmdlet);
                }

                // The queue completes only after the work ended, so this does not block.
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell reports the stop itself.
            }
            finally
            {
                // Downstream stopped early (Select-Object -First) or the user pressed Ctrl+C: stop the work and any request in flight.
                run.Cancel();
                ReleaseWhenDone(task, queue, run, whenDone);
            }

            return failure;
        }

        /// <summary>Streams an async sequence onto the pipeline, each item converted by <paramref name="convert"/> if given.</summary>
        public RunAiApiException? Stream<T>(Func<CancellationToken, IAsyncEnumerable<T>> source, Func<T, object?>? convert = null, Action? whenDone = null) =>
            Run(async (queue, token) =>
            {
                var items = source(token).GetAsyncEnumerator(token);
                try
                {
                    while (await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        queue.WriteObject(convert is null ? items.Current : convert(items.Current));
                    }
                }
                finally
                {
                    await items.DisposeAsync().ConfigureAwait(false);
                }
            },
            whenDone);

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

        /// <summary>
        /// Disposes the queue and the token source, and runs <paramref name="whenDone"/>, once the work has really ended. After Ctrl+C the pipeline returns at
        /// once while the cancelled request unwinds on the pool; disposing under it would turn a quiet stop into an
        /// ObjectDisposedException on a thread nobody observes.
        /// </summary>
        private static void ReleaseWhenDone(Task task, PipelineQueue queue, CancellationTokenSource run, Action? whenDone)
        {
            if (task.IsCompleted)
            {
                queue.Dispose();
                run.Dispose();
                whenDone?.Invoke();
                return;
            }

            _ = task.ContinueWith(
                _ =>
                {
                    queue.Dispose();
                    run.Dispose();
                    whenDone?.Invoke();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
