using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// The write loop of the pipeline thread (the only one PowerShell lets write): it writes what a <see cref="Lane"/>
    /// queues as it arrives, refreshing progress while it waits, and holds the stop signal (Ctrl+C, or a downstream
    /// <c>Select-Object -First</c>) that cancels every lane and any request in flight. <see cref="FanOut"/> decides
    /// which lane is written when.
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
