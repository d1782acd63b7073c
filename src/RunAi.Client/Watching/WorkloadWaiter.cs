using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Models;

namespace RunAi.Client.Watching
{
    /// <summary>
    /// Waits for several workloads to reach one of the wanted phases with one round of polls per interval: each round
    /// reads every workload still waited for (a few at a time), then reports each one's state, in the order they were
    /// given. A workload leaves the round once it reached a wanted phase, ended elsewhere, or failed for good.
    /// </summary>
    internal static class WorkloadWaiter
    {
        /// <summary>Reads of one round in flight at once: enough to keep a round short, few enough not to flood the API.</summary>
        internal const int ReadsAtOnce = 4;

        public delegate Task<WorkloadDetailed> WorkloadReader(Guid workloadId, CancellationToken cancellationToken);

        public static async IAsyncEnumerable<WorkloadWaitUpdate> WaitAsync(
            IEnumerable<Guid> workloadIds, IReadOnlyCollection<string> phases, WatchOptions options, WorkloadReader read, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var clock = new PollClock(options);
            var waiting = workloadIds.Distinct().Select(id => new Waited(id)).ToList();
            using var gate = new SemaphoreSlim(ReadsAtOnce);
            while (waiting.Count > 0)
            {
                await Task.WhenAll(waiting.Select(w => PollAsync(w, read, gate, cancellationToken))).ConfigureAwait(false);
                var waited = clock.Elapsed;
                var timedOut = clock.IsOver;
                foreach (var w in waiting)
                {
                    var state = StateOf(w, phases, timedOut);
                    w.IsDone = state != WorkloadWaitState.Waiting;
                    yield return new WorkloadWaitUpdate(w.Id, state, w.Last, waited, w.Failure);
                }

                waiting.RemoveAll(w => w.IsDone);
                if (waiting.Count > 0)
                {
                    await clock.WaitForNextPollAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static WorkloadWaitState StateOf(Waited w, IReadOnlyCollection<string> phases, bool timedOut)
        {
            if (w.Failure != null && !WatchFailure.IsTransient(w.Failure))
            {
                return WorkloadWaitState.Failed;
            }

            if (w.Failure is null && w.Last is WorkloadDetailed workload)
            {
                if (phases.Any(p => string.Equals(p, workload.Phase, StringComparison.OrdinalIgnoreCase)))
                {
                    return WorkloadWaitState.Reached;
                }

                if (workload.DeletedAt != null || WorkloadPhases.IsTerminal(workload.Phase))
                {
                    return WorkloadWaitState.Ended;
                }
            }

            return timedOut ? WorkloadWaitState.TimedOut : WorkloadWaitState.Waiting;
        }

        private static async Task PollAsync(Waited w, WorkloadReader read, SemaphoreSlim gate, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                w.Last = await read(w.Id, cancellationToken).ConfigureAwait(false);
                w.Failure = null;
            }
            catch (RunAiApiException ex) when (!cancellationToken.IsCancellationRequested)
            {
                w.Failure = ex;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>One workload waited for: what the last poll read, or why it failed.</summary>
        private sealed class Waited
        {
            public Waited(Guid id) => Id = id;

            public Guid Id { get; }

            public WorkloadDetailed? Last { get; set; }

            public RunAiApiException? Failure { get; set; }

            public bool IsDone { get; set; }
        }
    }
}
