using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Models;
using RunAi.Client.Watching;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Waits until workloads reach one of the given phases and writes each one when it does; a workload that ends in
    /// another phase, or is still elsewhere at the timeout, is a non-terminating error. All the workloads piped in are
    /// waited for together, with one poll of each per interval.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Wait-RunAiWorkload.md.</remarks>
    [Cmdlet(VerbsLifecycle.Wait, "RunAiWorkload")]
    [OutputType(typeof(WorkloadDetailed))]
    public sealed class WaitRunAiWorkloadCommand : RunAiCmdlet
    {
        /// <summary>A -TimeoutSec that means no limit (as Wait-Job's -Timeout).</summary>
        private const int NoTimeout = -1;

        private readonly List<Guid> _ids = new List<Guid>();
        private RunAiSession? _session;

        /// <summary>The workloads to wait for; binds from a workload's Id on the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkloadId")]
        [ValidateNotNullOrEmpty]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        /// <summary>The phases to wait for: the wait for a workload ends when its phase is one of them.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public RunAiPhase[] Phase { get; set; } = Array.Empty<RunAiPhase>();

        /// <summary>How long to wait, in seconds (default 600); -1 waits without a limit, 0 checks once.</summary>
        [Parameter]
        [ValidateRange(NoTimeout, int.MaxValue)]
        public int TimeoutSec { get; set; } = 600;

        /// <summary>Seconds between two polls (default 5, at least 1).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Progress.LeaveToCommand();
        }

        /// <summary>Collects the ids: every workload is waited for at once, from EndProcessing (as Wait-Job does).</summary>
        protected override void ProcessRecord()
        {
            _session ??= ResolveSession();
            _ids.AddRange(Id);
        }

        protected override void EndProcessing()
        {
            if (_session != null && _ids.Count > 0)
            {
                var session = _session;
                var ids = _ids.Distinct().ToList();
                WriteVerbose($"Waiting for {ids.Count} workload(s) to be {Wanted} (polling every {PollIntervalSec} s{(TimeoutSec == NoTimeout ? ", no time limit" : $", for at most {TimeoutSec} s")}).");
                Submit(WorkFor.Command, session, null, (queue, token) => WaitAsync(session, ids, queue, token));
            }

            base.EndProcessing();
        }

        private string Wanted => string.Join(" or ", Phase.Distinct());

        private async Task WaitAsync(RunAiSession session, List<Guid> ids, PipelineQueue queue, CancellationToken token)
        {
            var options = new WatchOptions
            {
                PollInterval = TimeSpan.FromSeconds(PollIntervalSec),
                Timeout = TimeoutSec == NoTimeout ? (TimeSpan?)null : TimeSpan.FromSeconds(TimeoutSec),
            };
            var phases = Phase.Distinct().Select(p => p.ToString()).ToList();
            var progress = new WaitProgress(MyInvocation.MyCommand.Name, ids.Count, phases);
            var notes = new PollFailureNotes(options.PollInterval);
            var waited = TimeSpan.Zero;
            await foreach (var update in session.Client.WaitForWorkloadsAsync(ids, phases, options, token).ConfigureAwait(false))
            {
                waited = update.Waited;
                Report(update, notes, queue, session);
                foreach (var record in progress.Show(update))
                {
                    queue.WriteProgress(record);
                }
            }

            foreach (var record in progress.Complete(waited))
            {
                queue.WriteProgress(record);
            }
        }

        private void Report(WorkloadWaitUpdate update, PollFailureNotes notes, PipelineQueue queue, RunAiSession session)
        {
            var note = update.Failure != null && update.State == WorkloadWaitState.Waiting
                ? notes.Failed(update.WorkloadId, update.Failure)
                : notes.Answered(update.WorkloadId);
            if (note != null)
            {
                if (update.Failure != null)
                {
                    queue.WriteWarning(note);
                }
                else
                {
                    queue.WriteVerbose(note);
                }
            }

            switch (update.State)
            {
                case WorkloadWaitState.Reached:
                    queue.WriteVerbose($"Workload {update.Workload!.Name} ({update.WorkloadId}) is {update.Workload.Phase} after {update.Waited.TotalSeconds:0} s.");
                    queue.WriteObject(update.Workload);
                    break;
                case WorkloadWaitState.Ended:
                    queue.WriteError(WaitErrors.EndedInUnwantedPhase(update, Wanted));
                    break;
                case WorkloadWaitState.TimedOut:
                    queue.WriteError(WaitErrors.Timeout(update, Wanted));
                    break;
                case WorkloadWaitState.Failed:
                    queue.WriteError(ErrorMapper.ToErrorRecord(update.Failure!, update.WorkloadId, session));
                    break;
            }
        }
    }
}
