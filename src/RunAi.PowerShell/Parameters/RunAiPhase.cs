namespace RunAi.PowerShell.Parameters
{
    /// <summary>The workload phases of the API, for <c>-Phase</c> (tab completion and validation at binding).</summary>
    public enum RunAiPhase
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
}
