using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using RunAi.Client.Models;
using RunAi.Client.Paging;
using RunAi.PowerShell.Session;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets the history of workloads or inference revisions: their events and phase changes; pipe workloads or revisions in.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadHistory.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadHistory", SupportsPaging = true)]
    [OutputType(typeof(HistoryRecord))]
    public sealed class GetRunAiWorkloadHistoryCommand : WorkloadOrRevisionListCommand<HistoryRecord>
    {
        private protected override string ItemsName => "history records";

        private protected override IAsyncEnumerable<HistoryRecord> ListOfWorkload(RunAiSession session, Guid workloadId, PagingOptions paging, CancellationToken cancellationToken) =>
            session.Client.ListWorkloadHistoryAsync(workloadId, paging, cancellationToken);

        private protected override IAsyncEnumerable<HistoryRecord> ListOfRevision(RunAiSession session, Guid revisionId, Guid? workloadId, PagingOptions paging, CancellationToken cancellationToken) =>
            session.Client.ListRevisionHistoryAsync(revisionId, paging, workloadId, cancellationToken);
    }
}
