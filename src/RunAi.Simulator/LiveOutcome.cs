namespace RunAi.Simulator;

/// <summary>The phase a live workload ends in once its running time is over.</summary>
public enum LiveOutcome
{
    Completed,
    Failed,
}
