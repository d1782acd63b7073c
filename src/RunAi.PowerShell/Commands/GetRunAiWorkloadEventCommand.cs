using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using RunAi.Client;
using RunAi.Client.Models;
using RunAi.Client.Paging;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets the events of workloads or inference revisions, newest first; pipe workloads or revisions in. With -Follow
    /// it goes on writing new events as they happen (GetRunAiWorkloadEventCommand.Follow.cs).
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadEvent.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadEvent", SupportsPaging = true)]
    [OutputType(typeof(WorkloadEvent))]
    public sealed partial class GetRunAiWorkloadEventCommand : WorkloadOrRevisionListCommand<WorkloadEvent>
    {
        /// <summary>Oldest first (the API's default is newest first).</summary>
        [Parameter]
        public SwitchParameter Ascending { get; set; }

        private protected override string ItemsName => "events";

        private SortOrder? Order => Ascending ? SortOrder.Ascending : (SortOrder?)null;

        private protected override IAsyncEnumerable<WorkloadEvent> ListOfWorkload(RunAiSession session, Guid workloadId, PagingOptions paging, CancellationToken cancellationToken) =>
            session.Client.ListWorkloadEventsAsync(workloadId, Order, paging, cancellationToken);

        private protected override IAsyncEnumerable<WorkloadEvent> ListOfRevision(RunAiSession session, Guid revisionId, Guid? workloadId, PagingOptions paging, CancellationToken cancellationToken) =>
            session.Client.ListRevisionEventsAsync(revisionId, Order, paging, workloadId, cancellationToken);
    }
}
