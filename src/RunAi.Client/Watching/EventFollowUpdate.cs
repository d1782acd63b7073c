using System;
using RunAi.Client.Models;

namespace RunAi.Client.Watching
{
    /// <summary>What an <see cref="EventFollowUpdate"/> reports.</summary>
    public enum EventFollowUpdateKind
    {
        /// <summary>An event not seen before (<see cref="EventFollowUpdate.Event"/>).</summary>
        Event,

        /// <summary>A poll failed in a way the next poll may not (<see cref="EventFollowUpdate.Failure"/>); following goes on.</summary>
        Retrying,

        /// <summary>The owner reached a terminal phase or was deleted, and its events were read one last time: following it ended.</summary>
        Ended,

        /// <summary>The watch's timeout came before the owner ended: following it ended.</summary>
        TimedOut,

        /// <summary>A poll failed in a way polling again cannot fix (<see cref="EventFollowUpdate.Failure"/>, e.g. not found): following it ended.</summary>
        Failed,
    }

    /// <summary>One thing that happened while following the events of a workload or an inference revision.</summary>
    public sealed class EventFollowUpdate
    {
        internal EventFollowUpdate(EventFollowUpdateKind kind, Guid ownerId, WorkloadEvent? item = null, OwnerState? state = null, RunAiApiException? failure = null)
        {
            Kind = kind;
            OwnerId = ownerId;
            Event = item;
            Phase = state?.Phase;
            IsDeleted = state?.IsDeleted ?? false;
            Failure = failure;
        }

        public EventFollowUpdateKind Kind { get; }

        /// <summary>The workload or revision followed.</summary>
        public Guid OwnerId { get; }

        /// <summary>The new event (<see cref="EventFollowUpdateKind.Event"/>).</summary>
        public WorkloadEvent? Event { get; }

        /// <summary>The owner's phase when following it ended, when known.</summary>
        public string? Phase { get; }

        /// <summary>Following ended because the owner was deleted.</summary>
        public bool IsDeleted { get; }

        /// <summary>Why a poll failed (<see cref="EventFollowUpdateKind.Retrying"/>, <see cref="EventFollowUpdateKind.Failed"/>).</summary>
        public RunAiApiException? Failure { get; }
    }

    /// <summary>A watched workload's or revision's phase, and whether it was deleted.</summary>
    internal readonly struct OwnerState
    {
        public OwnerState(string phase, bool isDeleted)
        {
            Phase = phase;
            IsDeleted = isDeleted;
        }

        public string Phase { get; }

        public bool IsDeleted { get; }

        /// <summary>It will not change by itself any more: a terminal phase, or deleted.</summary>
        public bool HasEnded => IsDeleted || WorkloadPhases.IsTerminal(Phase);
    }
}
