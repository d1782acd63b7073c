using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using RunAi.Client.Diagnostics;

namespace RunAi.PowerShell.Pipeline
{
    /// <summary>
    /// Carries output from async work on pool threads to the pipeline thread, where PowerShell requires every
    /// Write* call. Bounded, so a fast server cannot fill memory while a slow pipeline consumes.
    /// </summary>
    internal sealed class PipelineQueue : IRunAiDiagnosticsListener, IDisposable
    {
        private const int Capacity = 256;
        private readonly BlockingCollection<PipelineMessage> _messages = new BlockingCollection<PipelineMessage>(Capacity);
        private readonly CancellationToken _cancellation;
        private readonly ProgressReporter? _progress;

        public PipelineQueue(CancellationToken cancellation, ProgressReporter? progress = null)
        {
            _cancellation = cancellation;
            _progress = progress;
        }

        public void WriteObject(object? item) => Add(new PipelineMessage(PipelineMessageKind.Object, item));

        public void WriteError(ErrorRecord error) => Add(new PipelineMessage(PipelineMessageKind.Error, error));

        public void WriteWarning(string text) => Add(new PipelineMessage(PipelineMessageKind.Warning, text));

        public void WriteVerbose(string message) => Add(new PipelineMessage(PipelineMessageKind.Verbose, message));

        void IRunAiDiagnosticsListener.Verbose(string message) => WriteVerbose(message);

        void IRunAiDiagnosticsListener.Debug(string message) => Add(new PipelineMessage(PipelineMessageKind.Debug, message));

        void IRunAiDiagnosticsListener.PageReceived(string what, int pageNumber, int itemCount) => _progress?.PageReceived(what);

        /// <summary>No more messages will come: the drain ends once the queue is empty.</summary>
        public void Complete() => _messages.CompleteAdding();

        /// <summary>
        /// Takes the next message, waiting at most <paramref name="wait"/>. False when none came in time (the caller
        /// can refresh progress and wait again) or when the work completed; <see cref="IsCompleted"/> tells which.
        /// </summary>
        public bool TryTake(out PipelineMessage message, TimeSpan wait, CancellationToken cancellationToken) =>
            _messages.TryTake(out message, (int)wait.TotalMilliseconds, cancellationToken);

        /// <summary>The work completed and every message was taken.</summary>
        public bool IsCompleted => _messages.IsCompleted;

        public void Dispose() => _messages.Dispose();

        private void Add(PipelineMessage message)
        {
            try
            {
                _messages.Add(message, _cancellation);
            }
            catch (InvalidOperationException) when (_messages.IsAddingCompleted)
            {
                // The pipeline stopped listening (Select-Object -First, Ctrl+C): late diagnostics have nowhere to go.
            }
        }
    }
}
