using System;

namespace RunAi.Simulator;

/// <summary>Key facts about one generated workload, for tests that need to pick ids.</summary>
public sealed record WorkloadInfo(
    int Index,
    Guid Id,
    string Name,
    string Type,
    string Phase,
    string Category,
    string ProjectName,
    string ProjectId,
    string DepartmentId,
    Guid ClusterId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DeletedAt,
    int PodCount,
    int EventCount,
    int HistoryCount,
    int RevisionCount,
    int ElementCount);
