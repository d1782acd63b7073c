using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// <c>-ThrottleLimit</c>: up to N pipeline inputs in flight at once, across ProcessRecord calls, with the output a
    /// script expects: inputs in input order, each input's items together (unlike <c>ForEach-Object -Parallel</c>).
    /// Each input gets a <see cref="Lane"/>; lanes start in input order as soon as fewer than N run, and the pipeline
    /// thread writes the oldest lane's output as it arrives, moving on once that lane has ended. Memory stays flat however
    /// many ids come down the pipeline: at most <see cref="Window"/> inputs wait unwritten, each buffering at most
    /// <see cref="PipelineQueue.Capacity"/> streamed objects (a lane with more waits, without holding a thread, for its
    /// turn). A 429's Retry-After pauses every lane: the session's client holds all its requests (RetryAfterGate).
    /// </summary>
    internal sealed class FanOut : IDisposable
    {
        /// <summary>
        /// The default of -ThrottleLimit: one input at a time, each input's output written before the next input is
        /// taken, as every cmdlet does (so -PipelineVariable and variables set upstream line up). Fan-out is asked for.
        /// </summary>
        internal const int DefaultLimit = 1;

        /// <summary>The largest -ThrottleLimit.</summary>
        internal const int MaxLimit = 32;

        private readonly PipelineBridge _bridge;
        private readonly ProgressReporter _progress;
        private readonly int _limit;
        private readonly CancellationTokenSource _cancel;

        // Pipeline thread only: every input not yet written, oldest first.
        private readonly Queue<Pending> _unwritten = new Queue<Pending>();

        // Under _gate: lanes waiting for one of the N places, and how many places are taken.
        private readonly object _gate = new object();
        private readonly Queue<Lane> _waiting = new Queue<Lane>();
        private int _running;
        private bool _stopped;

        // Pipeline thread only: Stop has run (it runs once; the token source may be gone after it).
        private bool _stopRequested;

        public FanOut(PipelineBridge bridge, ProgressReporter progress, int limit)
        {
            _bridge = bridge;
            _progress = progress;
            _limit = Math.Max(1, Math.Min(MaxLimit, limit));
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(bridge.Stopping);
        }

        /// <summary>
        /// How many inputs may wait unwritten. At a limit of 1, none: an input's output is written before the next input
        /// is taken. Above it, twice the lanes, so lanes that finished behind a slow oldest one free their place for the
        /// next inputs instead of idling until it is written.
        /// </summary>
        private int Window => _limit == 1 ? 0 : 2 * _limit;

        /// <summary>
        /// Hands one input's work to a lane, writes whatever the oldest lanes have ready, and waits for the oldest lane
        /// while too many inputs are pending. <paramref name="reportFailure"/> writes the lane's client failure in its place.
        /// </summary>
        public void Add(Func<PipelineQueue, CancellationToken, Task> work, Action<RunAiApiException> reportFailure, Action? whenDone = null)
        {
            if (_stopRequested)
            {
                whenDone?.Invoke();
                return;
            }

            var lane = new Lane(work, _progress, _cancel.Token, whenDone);
            _unwritten.Enqueue(new Pending(lane, reportFailure));
            _progress.InputStarted();
            lock (_gate)
            {
                if (_running < _limit)
                {
                    _running++;
                    Launch(lane);
                }
                else
                {
                    _waiting.Enqueue(lane);
                }
            }

            Write(pendingAtMost: Window);
        }

        /// <summary>Writes every pending input's output, in input order (EndProcessing, or before work that writes directly).</summary>
        public void Drain() => Write(pendingAtMost: 0);

        /// <summary>Cancels every lane and every request in flight at once, and releases what they hold once they have ended.</summary>
        public void Stop()
        {
            if (_stopRequested)
            {
                return;
            }

            // Cancelled before _stopped is set, so the token source cannot have been disposed yet.
            _stopRequested = true;
            _cancel.Cancel();
            lock (_gate)
            {
                _stopped = true;
                _waiting.Clear();
                DisposeWhenIdle();
            }

            while (_unwritten.Count > 0)
            {
                _unwritten.Dequeue().Lane.Release();
            }
        }

        public void Dispose() => Stop();

        /// <summary>Writes the oldest lanes' output: what is ready, and the whole of the oldest while more than <paramref name="pendingAtMost"/> are pending.</summary>
        private void Write(int pendingAtMost)
        {
            var finished = false;
            try
            {
                while (_unwritten.Count > 0)
                {
                    var oldest = _unwritten.Peek();
                    if (_unwritten.Count > pendingAtMost)
                    {
                        _bridge.WriteUntilEnded(oldest.Lane);
                    }
                    else if (!_bridge.WriteReady(oldest.Lane))
                    {
                        break;
                    }

                    _unwritten.Dequeue();
                    oldest.Lane.Release();
                    oldest.Lane.RethrowFault();
                    if (oldest.Lane.Failure is RunAiApiException failure)
                    {
                        oldest.ReportFailure(failure);
                    }
                }

                finished = true;
            }
            catch (OperationCanceledException) when (_bridge.Stopping.IsCancellationRequested)
            {
                // Ctrl+C: PowerShell reports the stop itself.
            }
            finally
            {
                // Downstream stopped early (Select-Object -First), a write failed, or Ctrl+C: stop every lane, not just this one.
                if (!finished)
                {
                    Stop();
                }
            }
        }

        // Under _gate.
        private void Launch(Lane lane)
        {
            lane.Start();
            _ = lane.Ended.ContinueWith(_ => LaneEnded(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // On the pool, when a lane's work has ended: its place goes to the next input waiting, in input order.
        private void LaneEnded()
        {
            lock (_gate)
            {
                if (!_stopped && _waiting.Count > 0)
                {
                    Launch(_waiting.Dequeue());
                    return;
                }

                _running--;
                DisposeWhenIdle();
            }
        }

        // Under _gate. The lanes' token source goes only once no lane can still observe it.
        private void DisposeWhenIdle()
        {
            if (_stopped && _running == 0)
            {
                _cancel.Dispose();
            }
        }

        private readonly struct Pending
        {
            public Pending(Lane lane, Action<RunAiApiException> reportFailure)
            {
                Lane = lane;
                ReportFailure = reportFailure;
            }

            public Lane Lane { get; }

            public Action<RunAiApiException> ReportFailure { get; }
        }
    }
}
