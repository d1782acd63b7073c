using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.Client.Diagnostics;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Pipeline;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// The base of every RunAi cmdlet. It owns cancellation (Ctrl+C stops a request in flight), session
    /// resolution (<c>-Session</c>, else the runspace's current session), the bridge that runs async client
    /// calls off the pipeline thread while writing their output on it, and the mapping of failures to ErrorRecords.
    /// </summary>
    public abstract class RunAiCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private ProgressReporter? _progress;
        private bool _disposed;

        /// <summary>The session to use instead of the current one (from <c>Connect-RunAi -PassThru</c>).</summary>
        [Parameter]
        [ValidateNotNull]
        public RunAiSession? Session { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        private protected CancellationToken StopToken => _stopping.Token;

        /// <summary>Progress of this invocation over all its inputs; shown only once the work takes over a second.</summary>
        private protected ProgressReporter Progress => _progress ??= new ProgressReporter(MyInvocation.MyCommand.Name);

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Closes the progress bar, if one was shown. Cmdlets that override this call it last.</summary>
        protected override void EndProcessing() => _progress?.Complete(this);

        protected virtual void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                _stopping.Dispose();
            }

            _disposed = true;
        }

        /// <summary>The session to call: <c>-Session</c>, else the current one; not connected is a terminating error.</summary>
        protected RunAiSession ResolveSession()
        {
            var session = Session ?? SessionStore.Current;
            if (session is null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("Not connected to Run:ai. Run Connect-RunAi first, or pass -Session."),
                    ErrorIds.NotConnected,
                    ErrorCategory.ConnectionError,
                    null)
                {
                    ErrorDetails = new ErrorDetails("Not connected to Run:ai. Run Connect-RunAi first, or pass -Session.")
                    {
                        RecommendedAction = "Connect-RunAi -BaseUri https://<tenant>.run.ai -ClientId <id> -ClientSecret (Read-Host -AsSecureString)",
                    },
                });
            }

            return session!;
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool and writes what it queues, in order, on the pipeline
        /// thread as it arrives. A client failure becomes a non-terminating error for <paramref name="target"/>, so
        /// the next pipeline input still runs; Ctrl+C ends quietly.
        /// </summary>
        private protected void Run(RunAiSession session, object? target, Func<PipelineQueue, CancellationToken, Task> work)
        {
            var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var progress = Progress;
            progress.InputStarted();
            var queue = new PipelineQueue(run.Token, progress);
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
                    catch (RunAiApiException failure) when (!run.IsCancellationRequested)
                    {
                        queue.WriteError(ErrorMapper.ToErrorRecord(failure, target, session));
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
                        message.WriteTo(this);
                        if (message.Kind == PipelineMessageKind.Object)
                        {
                            progress.ItemWritten();
                        }
                    }

                    progress.Update(this);
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
                ReleaseWhenDone(task, queue, run);
            }
        }

        /// <summary>
        /// Disposes the queue and the token source once the work has really ended. After Ctrl+C the pipeline returns at
        /// once while the cancelled request unwinds on the pool; disposing under it would turn a quiet stop into an
        /// ObjectDisposedException on a thread nobody observes.
        /// </summary>
        private static void ReleaseWhenDone(Task task, PipelineQueue queue, CancellationTokenSource run)
        {
            if (task.IsCompleted)
            {
                queue.Dispose();
                run.Dispose();
                return;
            }

            _ = task.ContinueWith(
                _ =>
                {
                    queue.Dispose();
                    run.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        /// <summary>Streams an async sequence onto the pipeline through <see cref="Run"/>.</summary>
        private protected void Stream<T>(RunAiSession session, object? target, Func<CancellationToken, IAsyncEnumerable<T>> source)
        {
            Run(session, target, async (queue, token) =>
            {
                var items = source(token).GetAsyncEnumerator(token);
                try
                {
                    while (await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        queue.WriteObject(items.Current);
                    }
                }
                finally
                {
                    await items.DisposeAsync().ConfigureAwait(false);
                }
            });
        }

        /// <summary>Writes the total from <paramref name="count"/> the way -IncludeTotalCount expects it.</summary>
        private protected void WriteTotalCount(RunAiSession session, Func<CancellationToken, Task<long>> count)
        {
            long total = 0;
            var known = false;
            Run(session, null, async (queue, token) =>
            {
                total = await count(token).ConfigureAwait(false);
                known = true;
            });

            if (known)
            {
                WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
                var skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue);
                var first = PagingParameters.First == ulong.MaxValue ? long.MaxValue : (long)Math.Min(PagingParameters.First, long.MaxValue);
                Progress.Expect(Math.Min(Math.Max(0, total - skip), first));
            }
        }

        /// <summary>Converts -First/-Skip to the client's paging options.</summary>
        protected static RunAi.Client.Paging.PagingOptions ToPaging(PagingParameters? paging, int pageSize)
        {
            var options = new RunAi.Client.Paging.PagingOptions { PageSize = pageSize };
            if (paging != null)
            {
                options.Skip = (long)Math.Min(paging.Skip, long.MaxValue);
                options.First = paging.First == ulong.MaxValue ? null : (long)Math.Min(paging.First, long.MaxValue);
            }

            return options;
        }
    }
}
