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
    /// <c>-ThrottleLimit</c> lanes, and the mapping of failures to ErrorRecords. A cmdlet hands work over through
    /// <see cref="Submit"/> (or <see cref="Invoke"/> for one value) and nothing else.
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
        /// The one way work reaches the pipeline: <paramref name="work"/> runs off the pipeline thread in a lane (see
        /// <see cref="FanOut"/>) and the pipeline thread writes what it queues, inputs in the order they were submitted,
        /// each input's output together. At a <paramref name="throttleLimit"/> of 1 (the default) the work's output is
        /// all written before this returns, so the next input is taken only after it; above 1, up to that many inputs run
        /// at once across ProcessRecord calls. A client failure of <see cref="WorkFor.Command"/> work ends the command
        /// with a terminating error for <paramref name="target"/> that says how many items were written before it; a
        /// failure of <see cref="WorkFor.Input"/> work is a non-terminating error for that input, written in its place.
        /// Ctrl+C and a downstream <c>Select-Object -First</c> stop every lane; the session is leased until the work ends.
        /// </summary>
        private protected void Submit(WorkFor workFor, RunAiSession session, object? target, Func<PipelineQueue, CancellationToken, Task> work, int throttleLimit = 1)
        {
            _fanOut ??= new FanOut(Bridge, Progress, throttleLimit);
            Action<RunAiApiException> report = workFor == WorkFor.Command
                ? failure => ThrowFailure(failure, target, session)
                : failure => WriteError(ErrorMapper.ToErrorRecord(failure, target, session));
            _fanOut.Add(work, report, Lease(session));
            if (throttleLimit == 1)
            {
                _fanOut.Drain();
            }
        }

        /// <summary>
        /// Runs the command's own <paramref name="work"/> for its value (through <see cref="Submit"/>, at a limit of 1): a
        /// failure is a terminating error for <paramref name="target"/>, and a stop ends the pipeline.
        /// </summary>
        private protected T Invoke<T>(RunAiSession session, object? target, Func<CancellationToken, Task<T>> work)
        {
            var value = default(T)!;
            var done = false;
            Submit(WorkFor.Command, session, target, async (queue, token) =>
            {
                value = await work(token).ConfigureAwait(false);
                done = true;
            });
            return done && !StopToken.IsCancellationRequested ? value : throw new PipelineStoppedException();
        }

        /// <summary>Work that streams <paramref name="source"/> onto the pipeline, each item shaped by <paramref name="convert"/> if given.</summary>
        private protected static Func<PipelineQueue, CancellationToken, Task> Streaming<T>(Func<CancellationToken, IAsyncEnumerable<T>> source, Func<T, object?>? convert = null) =>
            (queue, token) => queue.WriteAllAsync(source, convert, token);

        /// <summary>Writes the total from <paramref name="count"/> the way -IncludeTotalCount expects it.</summary>
        private protected void WriteTotalCount(RunAiSession session, Func<CancellationToken, Task<long>> count)
        {
            var total = Invoke(session, null, count);
            WriteObject(PagingParameters.NewTotalCount((ulong)total, 1.0));
            var skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue);
            var first = PagingParameters.First == ulong.MaxValue ? long.MaxValue : (long)Math.Min(PagingParameters.First, long.MaxValue);
            Progress.Expect(Math.Min(Math.Max(0, total - skip), first));
        }

        /// <summary>
        /// Converts -First/-Skip to the client's paging options; an offset the API cannot take is refused here. Call it on
        /// the pipeline thread (in ProcessRecord), never inside the work handed to <see cref="Submit"/>.
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

        /// <summary>
        /// A failure of the command's own work as a terminating error; when items were already written, its message says
        /// how many, so whoever catches it knows the output is incomplete.
        /// </summary>
        private void ThrowFailure(RunAiApiException failure, object? target, RunAiSession session)
        {
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
