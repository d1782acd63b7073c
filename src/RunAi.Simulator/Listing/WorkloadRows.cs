using System;
using System.Collections.Generic;
using System.Linq;
using RunAi.Simulator.Data;

namespace RunAi.Simulator.Listing;

/// <summary>Workloads as list rows (the row is the workload index); the fields of workloads' filterBy and sortBy.</summary>
internal sealed class WorkloadRows(SimulatorData data) : IRowSource
{
    public static readonly RowFields FieldList = new(
        ("type", FieldKind.String), ("name", FieldKind.String), ("clusterId", FieldKind.String), ("projectId", FieldKind.String),
        ("projectName", FieldKind.String), ("departmentId", FieldKind.String), ("departmentName", FieldKind.String),
        ("createdAt", FieldKind.Date), ("deletedAt", FieldKind.Date), ("submittedBy", FieldKind.String), ("phase", FieldKind.String),
        ("completedAt", FieldKind.Date), ("nodepool", FieldKind.String), ("distributedFramework", FieldKind.String),
        ("allocatedGPU", FieldKind.Number), ("idleGpus", FieldKind.Number), ("idleAllocatedGpus", FieldKind.Number),
        ("phaseUpdatedAt", FieldKind.Date), ("category", FieldKind.String), ("priority", FieldKind.Number),
        ("totalPendingTimeSeconds", FieldKind.Number), ("totalRunningTimeSeconds", FieldKind.Number),
        ("priorityClassName", FieldKind.String), ("guaranteedRuntimeEndsAt", FieldKind.Date),
        ("aiApplicationId", FieldKind.String), ("aiApplicationName", FieldKind.String));

    public RowFields Fields => FieldList;

    /// <summary>Live workloads change phase with the clock: once there are any, lists are not cached.</summary>
    public string? CacheScope => data.LiveWorkloadCount == 0 ? "workloads" : null;

    public int[]? Unfiltered(bool deleted) => deleted ? data.DeletedIndexes : data.ActiveIndexes;

    public IEnumerable<int> Candidates(bool deleted, string? search)
    {
        var rows = deleted ? data.DeletedIndexes : data.ActiveIndexes;
        return search is null ? rows : rows.Where(i => data.WorkloadName(i).Contains(search, StringComparison.OrdinalIgnoreCase)
            || data.Core(i).ProjectName.Contains(search, StringComparison.OrdinalIgnoreCase));
    }

    public string? GetString(int row, string field)
    {
        ref readonly var c = ref data.Core(row);
        return field switch
        {
            "type" => c.Type.Name(),
            "name" => data.WorkloadName(row),
            "clusterId" => data.ClusterId(c.Cluster).ToString(),
            "projectId" => c.ProjectId,
            "projectName" => c.ProjectName,
            "departmentId" => c.DepartmentId,
            "departmentName" => c.DepartmentName,
            "submittedBy" => Vocabulary.Users[c.User],
            "phase" => c.Phase.Name(),
            "nodepool" => c.CurrentNodepool ?? c.RequestedNodepool,
            "distributedFramework" => c.Type == WorkloadType.Distributed ? Vocabulary.Frameworks[c.Framework] : null,
            "category" => c.Type.Category(),
            "priorityClassName" => c.Type.PriorityClassName(),
            "aiApplicationId" => c.AiApp == 0 ? null : Vocabulary.AiApplicationId(c.AiApp),
            "aiApplicationName" => c.AiApp == 0 ? null : Vocabulary.AiApplicationName(c.AiApp),
            _ => null,
        };
    }

    public double? GetNumber(int row, string field)
    {
        ref readonly var c = ref data.Core(row);
        var running = c.Phase.IsRunning();
        return field switch
        {
            "allocatedGPU" => c.AllocatedGpu,
            "idleGpus" => running ? Math.Floor(c.IdleAllocatedGpus) : null,
            "idleAllocatedGpus" => running ? c.IdleAllocatedGpus : null,
            "priority" => c.Priority,
            "totalPendingTimeSeconds" => c.PendingSec,
            "totalRunningTimeSeconds" => c.RunningSec,
            _ => null,
        };
    }

    public long GetDate(int row, string field)
    {
        ref readonly var c = ref data.Core(row);
        return field switch
        {
            "createdAt" => c.CreatedTicks,
            "deletedAt" => c.DeletedTicks,
            "completedAt" => c.CompletedTicks,
            "phaseUpdatedAt" => c.PhaseUpdatedTicks,
            "guaranteedRuntimeEndsAt" => c.GuaranteedTicks,
            _ => 0,
        };
    }
}
