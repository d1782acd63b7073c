using System;
using System.Collections.Generic;

namespace RunAi.Simulator.Listing;

/// <summary>
/// Pods as list rows (global pod rows, workload-major); the fields of pods' filterBy and sortBy. The <c>completed</c>
/// parameter (null = all) narrows the candidates.
/// </summary>
internal sealed class PodRows(SimulatorData data, bool? completed) : IRowSource
{
    public static readonly RowFields FieldList = new(
        ("clusterId", FieldKind.String), ("workloadId", FieldKind.String), ("revisionId", FieldKind.String),
        ("nodeName", FieldKind.String), ("currentNodepool", FieldKind.String), ("createdAt", FieldKind.Date),
        ("completedAt", FieldKind.Date), ("deletedAt", FieldKind.Date));

    public RowFields Fields => FieldList;

    public string CacheScope => "pods|" + completed;

    public int[]? Unfiltered(bool deleted) => null;

    public IEnumerable<int> Candidates(bool deleted, string? search)
    {
        var pods = data.Pods;
        for (var i = 0; i < data.WorkloadCount; i++)
        {
            var n = data.Core(i).PodCount;
            var workloadFound = search is not null && data.WorkloadName(i).Contains(search, StringComparison.OrdinalIgnoreCase);
            for (var p = 0; p < n; p++)
            {
                if ((pods.DeletedTicks(i, p) != 0) == deleted
                    && (completed is null || (pods.CompletedTicks(i, p) != 0) == completed.Value)
                    && (search is null || workloadFound || pods.Name(i, p).Contains(search, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return pods.Row(i, p);
                }
            }
        }
    }

    public string? GetString(int row, string field)
    {
        var (i, p) = data.Pods.Locate(row);
        return field switch
        {
            "clusterId" => data.ClusterId(data.Core(i).Cluster).ToString(),
            "workloadId" => data.GetWorkloadId(i).ToString(),
            "revisionId" => data.Pods.RevisionOf(i, p) is var r && r >= 0 ? data.RevisionId(i, r).ToString() : null,
            "nodeName" => data.Pods.NodeName(i, p),
            "currentNodepool" => data.Pods.Nodepool(i),
            _ => null,
        };
    }

    public double? GetNumber(int row, string field) => null;

    public long GetDate(int row, string field)
    {
        var (i, p) = data.Pods.Locate(row);
        return field switch
        {
            "createdAt" => data.Pods.CreatedTicks(i, p),
            "completedAt" => data.Pods.CompletedTicks(i, p),
            "deletedAt" => data.Pods.DeletedTicks(i, p),
            _ => 0,
        };
    }
}
