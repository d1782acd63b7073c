using System;

namespace RunAi.Simulator.Data;

/// <summary>Run:ai workload phases, in the order of the API's enum.</summary>
internal enum WorkloadPhase : byte
{
    Creating,
    Initializing,
    Resuming,
    Pending,
    Deleting,
    Running,
    Updating,
    Stopped,
    Stopping,
    Degraded,
    Failed,
    Completed,
    Terminating,
    Unknown,
}

/// <summary>What a phase means for the rest of the data: pods, GPUs, times, wording.</summary>
internal static class WorkloadPhases
{
    private static readonly string[] Names = Enum.GetNames<WorkloadPhase>();

    /// <summary>The API name (the enum member's name).</summary>
    public static string Name(this WorkloadPhase phase) => Names[(int)phase];

    /// <summary>Exact, case-sensitive match of an API name, as the server compares them.</summary>
    public static bool TryParse(string name, out WorkloadPhase phase)
    {
        var k = Array.IndexOf(Names, name);
        phase = (WorkloadPhase)Math.Max(k, 0);
        return k >= 0;
    }

    /// <summary>Pods are up and hold their GPUs (Running, Updating, Degraded).</summary>
    public static bool IsRunning(this WorkloadPhase phase) => phase is WorkloadPhase.Running or WorkloadPhase.Updating or WorkloadPhase.Degraded;

    /// <summary>Serving as intended (the Available condition is True).</summary>
    public static bool IsAvailable(this WorkloadPhase phase) => phase is WorkloadPhase.Running or WorkloadPhase.Updating;

    /// <summary>It ran and ended (Stopped, Failed, Completed): it has a completion time and keeps its node pool.</summary>
    public static bool IsTerminal(this WorkloadPhase phase) => phase is WorkloadPhase.Stopped or WorkloadPhase.Failed or WorkloadPhase.Completed;

    /// <summary>Not placed on a node yet (Creating, Initializing, Pending): no node, no running time.</summary>
    public static bool IsUnscheduled(this WorkloadPhase phase) => phase is WorkloadPhase.Creating or WorkloadPhase.Initializing or WorkloadPhase.Pending;

    /// <summary>The Kubernetes pod phase a workload in this phase shows.</summary>
    public static string K8sPhase(this WorkloadPhase phase) => phase switch
    {
        WorkloadPhase.Creating or WorkloadPhase.Initializing or WorkloadPhase.Resuming or WorkloadPhase.Pending => "Pending",
        WorkloadPhase.Stopped or WorkloadPhase.Completed => "Succeeded",
        WorkloadPhase.Failed => "Failed",
        WorkloadPhase.Unknown => "Unknown",
        _ => "Running",
    };

    /// <summary>The phaseMessage the API shows.</summary>
    public static string Message(this WorkloadPhase phase) => phase switch
    {
        WorkloadPhase.Pending => "Workload is waiting to be scheduled",
        WorkloadPhase.Failed => "Container exited with code 1",
        WorkloadPhase.Completed => "Workload completed successfully",
        WorkloadPhase.Running => "All pods are running",
        WorkloadPhase.Stopped => "Workload was stopped by user",
        WorkloadPhase.Degraded => "Some pods are not running",
        _ => phase.Name(),
    };
}
