using System;

namespace RunAi.Client.Models
{
    /// <summary>
    /// What a list was read for: the workload and, for an inference revision's lists, the revision. The API leaves these
    /// ids out of the items (they are in the request's path), so the client sets them, the same way on every such item.
    /// </summary>
    internal readonly struct ListedFor
    {
        private ListedFor(Guid? workloadId, Guid? revisionId)
        {
            WorkloadId = workloadId;
            RevisionId = revisionId;
        }

        public Guid? WorkloadId { get; }

        public Guid? RevisionId { get; }

        public static ListedFor Workload(Guid workloadId) => new ListedFor(workloadId, null);

        /// <summary>A revision's list; <paramref name="workloadId"/> when the caller knows it, else null.</summary>
        public static ListedFor Revision(Guid revisionId, Guid? workloadId) => new ListedFor(workloadId, revisionId);

        public T Stamp<T>(T item)
            where T : IListedItem
        {
            item.SetListedFor(this);
            return item;
        }
    }

    /// <summary>An item that carries the ids of what it was listed for (<see cref="ListedFor"/>).</summary>
    internal interface IListedItem
    {
        void SetListedFor(ListedFor listedFor);
    }
}
