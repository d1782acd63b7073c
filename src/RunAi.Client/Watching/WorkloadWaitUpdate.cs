using System;
using RunAi.Client.Models;

namespace RunAi.Client.Watching
{
    /// <summary>Where a workload waited for stands.</summary>
    public enum WorkloadWaitState
    {
        /// <summary>Not in a wanted phase yet; still waiting (<see cref="WorkloadWaitUpdate.Failure"/> tells when the last poll failed and will be tried again).</summary>
        Waiting,

        /// <summary>It is in one of the wanted phases.</summary>
        Reached,

        /// <summary>It reached a terminal phase, or was deleted, without reaching a wanted one: it will not get there.</summary>
        Ended,

        /// <summary>The timeout came first.</summary>
        TimedOut,

        /// <summary>A poll failed in a way polling again cannot fix (<see cref="WorkloadWaitUpdate.Failure"/>, e.g. not found).</summary>
        Failed,
    }

    /// <summary>How one workload's wait stands after a round of polls.</summary>
    public sealed class WorkloadWaitUpdate
    {
        internal WorkloadWaitUpdate(Guid workloadId, WorkloadWaitState state, WorkloadDetailed? workload, TimeSpan waited, RunAiApiException? failure)
        {
            WorkloadId = workloadId;
            State = state;
            Workload = workload;
            Waited = waited;
            Failure = failure;
        }

        public Guid WorkloadId { get; }

        public WorkloadWaitState State { get; }

        /// <summary>The workload as last read (null until a poll succeeded).</summary>
        public WorkloadDetailed? Workload { get; }

        /// <summary>How long it has been waited for.</summary>
        public TimeSpan Waited { get; }

        /// <summary>Why the last poll failed, when it did.</summary>
        public RunAiApiException? Failure { get; }

        /// <summary>The wait for this workload is over (every state but <see cref="WorkloadWaitState.Waiting"/>).</summary>
        public bool IsFinal => State != WorkloadWaitState.Waiting;
    }
}
