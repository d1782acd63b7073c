using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// The base of every RunAi cmdlet. It owns cancellation (Ctrl+C stops a request in flight), session
    /// resolution (<c>-Session</c>, else the runspace's current session), the bridge that runs async client
    /// calls off the pipeline thread while writing their output on it, the fan-out of pipeline inputs over
    /// <c>-ThrottleLimit</c> lanes, and the mapping of failures to ErrorRecords: a failure of the command's own work
    /// (<see cref="Run"/>, <see cref="Stream"/>) is terminating, a failure of one pipeline input's work
    /// (<see cref="RunForInput"/>, <see cref="RunInLane"/>) is a non-terminating error for that input.
    /// </summary>
    public abstract class RunAiCmdlet : PSCmdlet, IDisposable
    {
        private PipelineBridge? _bridge;
        private ProgressReporter? _progress;
        private FanOut? _fanOut;
        private bool _disposed;

        /// <summary>The session to use instead of the current one (from <c>Connect-RunAi -PassThru</c>).</summary>
        [Parameter]
        [ValidateNotNull]
        public RunAiSession? Session { get; set; }

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        private protected CancellationToken StopToken => Bridge.Stopping;

        /// <summary>Progress of this invocation over all its inputs; shown only once the work takes over a second.</summary>
        private protected ProgressReporter Progress => _progress ??= new ProgressReporter(MyInvocation.MyCommand.Name);

        private PipelineBridge Bridge => _bridge ??= new PipelineBridge(this, Progress);

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected override void StopProcessing() => _bridge?.Stop();

        /// <summary>Cmdlets that override this call it first.</summary>
        protected override void BeginProcessing() => DebugStream.NeverInquireForTheDebugSwitch(this);

        /// <summary>Writes what the lanes still hold, then closes the progress bar, if one was shown. Cmdlets that override this call it last.</summary>
        protected override void EndProcessing()
        {
            _fanOut?.Drain();
            _progress?.Complete(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!_disposed && disposing)
            {
                // A pipeline ended by something else (a terminating error downstream) still stops every lane's request.
                _fanOut?.Dispose();
                _bridge?.Dispose();
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

            if (!session!.IsConnected)
            {
                ThrowTerminatingError(Disconnected(session));
            }

            return session;
        }

        /// <summary>The error for a session that Disconnect-RunAi (or a replacing Connect-RunAi) already ended.</summary>
        private static ErrorRecord Disconnected(RunAiSession session)
        {
            var message = $"The session to {session.BaseUri} was disconnected (by Disconnect-RunAi, or replaced by a later Connect-RunAi). " +
                "Connect again; to keep a session for later use with -Session, take it from Connect-RunAi -PassThru.";
            return new ErrorRecord(new InvalidOperationException(message), ErrorIds.SessionDisconnected, ErrorCategory.ConnectionError, session)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-RunAi -BaseUri <url> ... -PassThru" },
            };
        }

        /// <summary>
        /// Starts a use of <paramref name="session"/> by one piece of work and returns what ends it, for the bridge to call
        /// once the work has really ended. The lease keeps the session's HTTP stack alive until then, even if the session
        /// is disconnected meanwhile (from another runspace, or further down this pipeline).
        /// </summary>
        private Action Lease(RunAiSession session)
        {
            if (!session.TryAcquire())
            {
                ThrowTerminatingError(Disconnected(session));
            }

            return session.Release;
        }

        /// <summary>
        /// Runs the command's own work (a listing, a single call) off the pipeline thread and writes what it queues as it
        /// arrives (see <see cref="PipelineBridge"/>). A client failure ends the command with a terminating error for
        /// <paramref name="target"/> that says how many items were written before it, so a script's try/catch sees that
        /// its output is incomplete; Ctrl+C ends quietly.
        /// </summary>
        private protected void Run(RunAiSession session, object? target, Func<PipelineQueue, CancellationToken, Task> work)
        {
            WriteLanesFirst();
            ThrowIfFailed(Bridge.Run(work, Lease(session)), target, session);
        }

        /// <summary>Streams an async sequence onto the pipeline, like <see cref="Run"/>; <paramref name="convert"/> shapes each item.</summary>
        private protected void Stream<T>(RunAiSession session, object? target, Func<CancellationToken, IAsyncEnumerable<T>> source, Func<T, object?>? convert = null)
        {
            WriteLanesFirst();
            ThrowIfFailed(Bridge.Stream(source, convert, Lease(session)), target, session);
        }

        /// <summary>
        /// Runs the work of one pipeline input (one of the ids a command was given) like <see cref="Run"/>, but a client
        /// failure is a non-terminating error for <paramref name="input"/>, so the next input still runs.
        /// </summary>
        private protected void RunForInput(RunAiSession session, object? input, Func<PipelineQueue, CancellationToken, Task> work)
        {
            WriteLanesFirst();
            var failure = Bridge.Run(work, Lease(session));
            if (failure != null)
            {
                WriteError(ErrorMapper.ToErrorRecord(failure, input, session));
            }
        }

        /// <summary>
        /// Hands one pipeline input's work to a lane: up to <paramref name="throttleLimit"/> inputs run at once, across
        /// ProcessRecord calls (see <see cref="FanOut"/>). Output comes in input order, each input's items together; a
        /// client failure is a non-terminating error for <paramref name="target"/>, written in that input's place.
        /// </summary>
        private protected void RunInLane(int throttleLimit, RunAiSession session, object? target, Func<PipelineQueue, CancellationToken, Task> work)
        {
            _fanOut ??= new FanOut(Bridge, Progress, throttleLimit);
            _fanOut.Add(work, failure => WriteError(ErrorMapper.ToErrorRecord(failure, target, session)), Lease(session));
        }

        /// <summary>Streams an async sequence from a lane, like <see cref="RunInLane"/>; <paramref name="convert"/> shapes each item.</summary>
        private protected void StreamInLane<T>(int throttleLimit, RunAiSession session, object? target, Func<CancellationToken, IAsyncEnumerable<T>> source, Func<T, object?>? convert = null) =>
            RunInLane(throttleLimit, session, target, (queue, token) => queue.WriteAllAsync(source, convert, token));

        /// <summary>
        /// Runs <paramref name="work"/> for its value; a failure is a terminating error for <paramref name="target"/>
        /// (after <paramref name="onFailure"/>, e.g. to release what the work was given), and a stop ends the pipeline.
        /// </summary>
        private protected T InvokeOrThrow<T>(RunAiSession session, object? target, Func<CancellationToken, Task<T>> work, Action? onFailure = null)
        {
            WriteLanesFirst();
            var (succeeded, value, failure) = Bridge.Invoke(work, Lease(session));
            if (succeeded)
            {
                return value;
            }

            onFailure?.Invoke();
            ThrowIfFailed(failure, target, session);
            throw new PipelineStoppedException();
        }

        /// <summary>Writes the total from <paramref name="count"/> the way -IncludeTotalCount expects it.</summary>
        private protected void WriteTotalCount(RunAiSession session, Func<CancellationToken, Task<long>> count)
        {
            var total = InvokeOrThrow(session, null, count);
            WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
            var skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue);
            var first = PagingParameters.First == ulong.MaxValue ? long.MaxValue : (long)Math.Min(PagingParameters.First, long.MaxValue);
            Progress.Expect(Math.Min(Math.Max(0, total - skip), first));
        }

        /// <summary>
        /// Converts -First/-Skip to the client's paging options; an offset the API cannot take is refused here. Call it on
        /// the pipeline thread (in ProcessRecord), never inside the work handed to <see cref="Run"/>.
        /// </summary>
        private protected RunAi.Client.Paging.PagingOptions ToPaging(int pageSize) => ListInput.Paging(this, PagingParameters, pageSize);

        /// <summary>
        /// <see cref="ToPaging"/> for a list of one pipeline input, read in a -ThrottleLimit lane: one page ahead only, so
        /// the requests in flight stay near the throttle limit (16 lanes reading three pages ahead would be 64).
        /// </summary>
        private protected RunAi.Client.Paging.PagingOptions ToLanePaging(int pageSize)
        {
            var paging = ToPaging(pageSize);
            paging.PagesAhead = 1;
            return paging;
        }

        /// <summary>Work written directly goes after every input already handed to a lane, so output stays in input order.</summary>
        private void WriteLanesFirst() => _fanOut?.Drain();

        /// <summary>
        /// A failure of the command's own work as a terminating error; when items were already written, its message says
        /// how many, so whoever catches it knows the output is incomplete.
        /// </summary>
        private void ThrowIfFailed(RunAiApiException? failure, object? target, RunAiSession session)
        {
            if (failure is null)
            {
                return;
            }

            var record = ErrorMapper.ToErrorRecord(failure, target, session);
            var written = Progress.ItemsSoFar;
            if (written > 0)
            {
                var message = string.Format(CultureInfo.InvariantCulture, "{0} {1:N0} item{2} had been written before this failure: the output is incomplete.", failure.Message, written, written == 1 ? string.Empty : "s");
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = record.ErrorDetails?.RecommendedAction };
            }

            ThrowTerminatingError(record);
        }
    }
}
