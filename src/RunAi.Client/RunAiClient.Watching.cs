using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using RunAi.Client.Models;
using RunAi.Client.Paging;
using RunAi.Client.Watching;

namespace RunAi.Client
{
    public sealed partial class RunAiClient
    {
        /// <summary>
        /// Follows the events of workloads: the existing ones oldest first, then each new one once as it appears, polling
        /// every workload once per <see cref="WatchOptions.PollInterval"/>. Following a workload ends after it reaches a
        /// terminal phase or is deleted (one last read of its events), when a poll fails for good, or at the timeout.
        /// </summary>
        public IAsyncEnumerable<EventFollowUpdate> FollowWorkloadEventsAsync(
            IEnumerable<Guid> workloadIds, WatchOptions? options = null, CancellationToken cancellationToken = default) =>
            EventFollower.FollowAsync(
                workloadIds ?? throw new ArgumentNullException(nameof(workloadIds)),
                options ?? new WatchOptions(),
                async (id, token) =>
                {
                    var workload = await GetWorkloadAsync(id, token).ConfigureAwait(false);
                    return new OwnerState(workload.Phase, workload.DeletedAt != null);
                },
                (id, offset, token) => ListWorkloadEventsAsync(id, SortOrder.Ascending, FollowPaging(offset), token),
                cancellationToken);

        /// <summary>
        /// Follows the events of inference revisions, like <see cref="FollowWorkloadEventsAsync"/>; each event carries its
        /// revision's id and its workload's (read with the revision's phase).
        /// </summary>
        public IAsyncEnumerable<EventFollowUpdate> FollowRevisionEventsAsync(
            IEnumerable<Guid> revisionIds, WatchOptions? options = null, CancellationToken cancellationToken = default)
        {
            var workloads = new ConcurrentDictionary<Guid, Guid>();
            return EventFollower.FollowAsync(
                revisionIds ?? throw new ArgumentNullException(nameof(revisionIds)),
                options ?? new WatchOptions(),
                async (id, token) =>
                {
                    var revision = await GetRevisionAsync(id, token).ConfigureAwait(false);
                    workloads[id] = revision.WorkloadId;
                    return new OwnerState(revision.Phase, revision.DeletedAt != null);
                },
                (id, offset, token) => ListRevisionEventsAsync(
                    id, SortOrder.Ascending, FollowPaging(offset), workloads.TryGetValue(id, out var workloadId) ? workloadId : (Guid?)null, token),
                cancellationToken);
        }

        /// <summary>
        /// Waits for workloads to reach one of <paramref name="phases"/>, reading each once per
        /// <see cref="WatchOptions.PollInterval"/>. After every round it reports each workload still waited for: waiting,
        /// reached, ended in another terminal phase, failed for good, or timed out (<see cref="WatchOptions.Timeout"/>).
        /// </summary>
        public IAsyncEnumerable<WorkloadWaitUpdate> WaitForWorkloadsAsync(
            IEnumerable<Guid> workloadIds, IReadOnlyCollection<string> phases, WatchOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (phases is null || phases.Count == 0)
            {
                throw new ArgumentException("At least one phase to wait for is needed.", nameof(phases));
            }

            return WorkloadWaiter.WaitAsync(
                workloadIds ?? throw new ArgumentNullException(nameof(workloadIds)),
                phases,
                options ?? new WatchOptions(),
                GetWorkloadAsync,
                cancellationToken);
        }

        private static PagingOptions FollowPaging(long offset) => new PagingOptions { Skip = offset, PageSize = PagingOptions.MaxPageSize };
    }
}
