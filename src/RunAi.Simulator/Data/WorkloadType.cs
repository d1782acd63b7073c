using System;

namespace RunAi.Simulator.Data;

/// <summary>Run:ai workload types.</summary>
internal enum WorkloadType : byte
{
    Training,
    Workspace,
    Inference,
    Distributed,
}

/// <summary>The values the API derives from a workload's type.</summary>
internal static class WorkloadTypes
{
    private static readonly string[] Names = Enum.GetNames<WorkloadType>();

    /// <summary>The API name (the enum member's name).</summary>
    public static string Name(this WorkloadType type) => Names[(int)type];

    public static string Category(this WorkloadType type) => type switch
    {
        WorkloadType.Workspace => "Build",
        WorkloadType.Inference => "Deploy",
        _ => "Train",
    };

    /// <summary>First part of generated workload names.</summary>
    public static string NamePrefix(this WorkloadType type) => type switch
    {
        WorkloadType.Training => "train",
        WorkloadType.Workspace => "ws",
        WorkloadType.Inference => "infer",
        _ => "dist",
    };

    public static string PriorityClassName(this WorkloadType type) => type switch
    {
        WorkloadType.Workspace => "build",
        WorkloadType.Inference => "inference",
        _ => "train",
    };

    public static int Priority(this WorkloadType type) => type switch
    {
        WorkloadType.Workspace => 75,
        WorkloadType.Inference => 125,
        _ => 50,
    };
}
