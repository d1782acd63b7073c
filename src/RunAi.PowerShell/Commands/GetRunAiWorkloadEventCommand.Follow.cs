using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Watching;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Pipeline;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// -Follow: the existing events oldest first, then each new one once as it happens, for every workload (or
    /// revision) piped in at once, until each has ended, -TimeoutSec has passed, or Ctrl+C.
    /// </summary>
    public sealed partial class GetRunAiWorkloadEventCommand
    {
        /// <summary>A -TimeoutSec that means no limit.</summary>
        private const int NoTimeout = -1;

        private readonly List<Guid> _followedWorkloads = new List<Guid>();
        private readonly List<Guid> _followedRevisions = new List<Guid>();
        private RunAiSession? _followSession;

        /// <summary>Keep writing new events as they happen, until the workload ends, -TimeoutSec, or Ctrl+C.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>With -Follow: seconds between two polls (default 5, at least 1).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>With -Follow: stop following after this many seconds (default -1: until the workloads end).</summary>
        [Parameter]
        [ValidateRange(NoTimeout, int.MaxValue)]
        public int TimeoutSec { get; set; } = NoTimeout;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (!Follow)
            {
                foreach (var name in new[] { nameof(PollIntervalSec), nameof(TimeoutSec) })
                {
                    if (MyInvocation.BoundParameters.TryGetValue(name, out var value))
                    {
                        RefuseArguments($"-{name} applies only with -Follow.", value);
                    }
                }
            }

            if (Follow && PagingParameters != null && (PagingParameters.First != ulong.MaxValue || PagingParameters.Skip != 0))
            {
                RefuseArguments("-Follow writes every event from the first one until the workload ends: it takes no -First or -Skip. Use | Select-Object -First <n> to stop after n events.", PagingParameters.First);
            }
        }

        protected override void ProcessRecord()
        {
            if (!Follow)
            {
                base.ProcessRecord();
                return;
            }

            // Collected here and followed together from EndProcessing, so several piped workloads are polled in one round.
            _followSession ??= ResolveSession();
            if (ParameterSetName == RevisionSet)
            {
                _followedRevisions.AddRange(RevisionId);
            }
            else
            {
                _followedWorkloads.AddRange(WorkloadId);
            }
        }

        protected override void EndProcessing()
        {
            if (_followSession is RunAiSession session)
            {
                // Workloads and revisions piped into one call are rare: followed one kind after the other.
                foreach (var (ids, revisions) in new[] { (_followedWorkloads, false), (_followedRevisions, true) })
                {
                    if (ids.Count > 0)
                    {
                        WriteVerbose($"Following the events of {ids.Count} {(revisions ? "revision" : "workload")}(s), polling every {PollIntervalSec} s{(TimeoutSec == NoTimeout ? " until they end" : $" for at most {TimeoutSec} s")}.");
                        Submit(WorkFor.Command, session, null, (queue, token) => FollowAsync(session, ids, revisions, queue, token));
                    }
                }
            }

            base.EndProcessing();
        }

        private async Task FollowAsync(RunAiSession session, List<Guid> ids, bool revisions, PipelineQueue queue, CancellationToken token)
        {
            var options = new WatchOptions
            {
                PollInterval = TimeSpan.FromSeconds(PollIntervalSec),
                Timeout = TimeoutSec == NoTimeout ? (TimeSpan?)null : TimeSpan.FromSeconds(TimeoutSec),
            };
            var notes = new PollFailureNotes(options.PollInterval);
            var owner = revisions ? "Revision" : "Workload";
            var updates = revisions
                ? session.Client.FollowRevisionEventsAsync(ids, options, token)
                : session.Client.FollowWorkloadEventsAsync(ids, options, token);
            await foreach (var update in updates.ConfigureAwait(false))
            {
                if (update.Kind != EventFollowUpdateKind.Retrying && notes.Answered(update.OwnerId) is string back)
                {
                    queue.WriteVerbose(back);
                }

                switch (update.Kind)
                {
                    case EventFollowUpdateKind.Event:
                        queue.WriteObject(update.Event);
                        break;
                    case EventFollowUpdateKind.Retrying:
                        if (notes.Failed(update.OwnerId, update.Failure!) is string warning)
                        {
                            queue.WriteWarning(warning);
                        }

                        break;
                    case EventFollowUpdateKind.Ended:
                        queue.WriteVerbose($"{owner} {update.OwnerId} is {update.Phase}{(update.IsDeleted ? " and deleted" : string.Empty)}: its events are all written.");
                        break;
                    case EventFollowUpdateKind.TimedOut:
                        queue.WriteVerbose($"Stopped following {owner.ToLowerInvariant()} {update.OwnerId} after {TimeoutSec} s (-TimeoutSec).");
                        break;
                    case EventFollowUpdateKind.Failed:
                        queue.WriteError(ErrorMapper.ToErrorRecord(update.Failure!, update.OwnerId, session));
                        break;
                }
            }
        }

        private void RefuseArguments(string message, object? target) =>
            ThrowTerminatingError(ErrorMapper.InvalidArgument(message, target));
    }
}
