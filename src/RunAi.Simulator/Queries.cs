using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;

namespace RunAi.Simulator;

internal enum FieldKind
{
    String,
    Number,
    Date,
}

internal sealed record FilterExpr(string Field, FieldKind Kind, string Op, string Value, double Number, long Ticks);

/// <summary>Field access for filtering and sorting a kind of row (workload index or global pod index).</summary>
internal interface IRowSource
{
    IReadOnlyDictionary<string, FieldKind> Fields { get; }

    string? GetString(int row, string field);

    double? GetNumber(int row, string field);

    long GetDate(int row, string field); // 0 = null
}

internal static class Filters
{
    /// <summary>Parses filterBy values (each may hold comma-separated expressions). Returns an error text or null.</summary>
    public static string? Parse(IEnumerable<string> raw, IReadOnlyDictionary<string, FieldKind> fields, Regex pattern, out List<FilterExpr> result)
    {
        result = [];
        foreach (var value in raw)
        {
            foreach (var part in value.Split(','))
            {
                var expr = part.Trim();
                if (expr.Length == 0)
                {
                    continue;
                }

                var m = pattern.Match(expr);
                if (!m.Success)
                {
                    return "invalid filterBy expression '" + expr + "'; expected field-name, operator (==, !=, <=, >=, =@, !@, =^, =$) and value; fields: " + string.Join(", ", fields.Keys);
                }

                var field = m.Groups[1].Value;
                var op = m.Groups[2].Value;
                var val = m.Groups[3].Value;
                var kind = fields[field];
                double num = 0;
                long ticks = 0;
                if (kind == FieldKind.Date)
                {
                    if (op is not ("==" or "!=" or "<=" or ">="))
                    {
                        return "operator " + op + " is not supported for date field " + field;
                    }

                    if (!Iso.TryParse(val, out ticks))
                    {
                        return "invalid date '" + val + "' for field " + field + "; use ISO 8601";
                    }
                }
                else if (kind == FieldKind.Number && op is "==" or "!=" or "<=" or ">=" && !double.TryParse(val, NumberStyles.Float, CultureInfo.InvariantCulture, out num))
                {
                    return "invalid number '" + val + "' for field " + field;
                }

                result.Add(new FilterExpr(field, kind, op, val, num, ticks));
            }
        }

        return result.Count > 10 ? "at most 10 filterBy expressions are allowed" : null;
    }

    public static Regex BuildPattern(IEnumerable<string> fields)
        => new("^(" + string.Join("|", fields.OrderByDescending(f => f.Length)) + @")(==|!=|<=|>=|=@|!@|=\^|=\$)(.+)$", RegexOptions.CultureInvariant);

    public static bool Matches(IRowSource src, int row, List<FilterExpr> filters)
    {
        foreach (var f in filters)
        {
            if (!Matches(src, row, f))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(IRowSource src, int row, FilterExpr f)
    {
        switch (f.Kind)
        {
            case FieldKind.Date:
                {
                    var t = src.GetDate(row, f.Field);
                    if (t == 0)
                    {
                        return f.Op == "!=";
                    }

                    // Compare at millisecond precision (the wire format).
                    t /= TimeSpan.TicksPerMillisecond;
                    var v = f.Ticks / TimeSpan.TicksPerMillisecond;
                    return f.Op switch { "==" => t == v, "!=" => t != v, "<=" => t <= v, _ => t >= v };
                }

            case FieldKind.Number when f.Op is "==" or "!=" or "<=" or ">=":
                {
                    var n = src.GetNumber(row, f.Field);
                    if (n is null)
                    {
                        return f.Op == "!=";
                    }

                    return f.Op switch { "==" => n.Value == f.Number, "!=" => n.Value != f.Number, "<=" => n.Value <= f.Number, _ => n.Value >= f.Number };
                }

            default:
                {
                    var s = f.Kind == FieldKind.Number
                        ? src.GetNumber(row, f.Field)?.ToString(CultureInfo.InvariantCulture)
                        : src.GetString(row, f.Field);
                    if (s is null)
                    {
                        return f.Op is "!=" or "!@";
                    }

                    return f.Op switch
                    {
                        "==" => string.Equals(s, f.Value, StringComparison.OrdinalIgnoreCase),
                        "!=" => !string.Equals(s, f.Value, StringComparison.OrdinalIgnoreCase),
                        "<=" => string.Compare(s, f.Value, StringComparison.OrdinalIgnoreCase) <= 0,
                        ">=" => string.Compare(s, f.Value, StringComparison.OrdinalIgnoreCase) >= 0,
                        "=@" => s.Contains(f.Value, StringComparison.OrdinalIgnoreCase),
                        "!@" => !s.Contains(f.Value, StringComparison.OrdinalIgnoreCase),
                        "=^" => s.StartsWith(f.Value, StringComparison.OrdinalIgnoreCase),
                        _ => s.EndsWith(f.Value, StringComparison.OrdinalIgnoreCase),
                    };
                }
        }
    }

    /// <summary>Sorts rows in place by a field; ties keep generation order. Nulls sort first (ascending).</summary>
    public static void Sort(IRowSource src, int[] rows, string field, bool descending)
    {
        var kind = src.Fields[field];
        int sign = descending ? -1 : 1;
        switch (kind)
        {
            case FieldKind.String:
                {
                    var keys = new string?[rows.Length];
                    for (var k = 0; k < rows.Length; k++)
                    {
                        keys[k] = src.GetString(rows[k], field);
                    }

                    SortBy(rows, keys, (a, b) => sign * StringComparer.OrdinalIgnoreCase.Compare(a, b));
                    break;
                }

            case FieldKind.Number:
                {
                    var keys = new double[rows.Length];
                    for (var k = 0; k < rows.Length; k++)
                    {
                        keys[k] = src.GetNumber(rows[k], field) ?? double.NegativeInfinity;
                    }

                    SortBy(rows, keys, (a, b) => sign * a.CompareTo(b));
                    break;
                }

            default:
                {
                    var keys = new long[rows.Length];
                    for (var k = 0; k < rows.Length; k++)
                    {
                        keys[k] = src.GetDate(rows[k], field);
                    }

                    SortBy(rows, keys, (a, b) => sign * a.CompareTo(b));
                    break;
                }
        }
    }

    private static void SortBy<T>(int[] rows, T[] keys, Comparison<T> compare)
    {
        var order = new int[rows.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (x, y) =>
        {
            var c = compare(keys[x], keys[y]);
            return c != 0 ? c : rows[x].CompareTo(rows[y]);
        });
        var copy = (int[])rows.Clone();
        for (var k = 0; k < order.Length; k++)
        {
            rows[k] = copy[order[k]];
        }
    }
}

/// <summary>A small LRU of query results (row index arrays).</summary>
internal sealed class QueryCache(int capacity)
{
    private readonly LinkedList<(string Key, int[] Rows)> entries = new();
    private readonly Lock gate = new();

    public int[] GetOrAdd(string key, Func<int[]> compute)
    {
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    entries.Remove(node);
                    entries.AddFirst(node);
                    return node.Value.Rows;
                }
            }
        }

        var rows = compute();
        lock (gate)
        {
            entries.AddFirst((key, rows));
            while (entries.Count > capacity)
            {
                entries.RemoveLast();
            }
        }

        return rows;
    }
}

internal sealed class WorkloadRows(SimulatorData data) : IRowSource
{
    public static readonly IReadOnlyDictionary<string, FieldKind> FieldMap = new Dictionary<string, FieldKind>
    {
        ["type"] = FieldKind.String, ["name"] = FieldKind.String, ["clusterId"] = FieldKind.String, ["projectId"] = FieldKind.String,
        ["projectName"] = FieldKind.String, ["departmentId"] = FieldKind.String, ["departmentName"] = FieldKind.String,
        ["createdAt"] = FieldKind.Date, ["deletedAt"] = FieldKind.Date, ["submittedBy"] = FieldKind.String, ["phase"] = FieldKind.String,
        ["completedAt"] = FieldKind.Date, ["nodepool"] = FieldKind.String, ["distributedFramework"] = FieldKind.String,
        ["allocatedGPU"] = FieldKind.Number, ["idleGpus"] = FieldKind.Number, ["idleAllocatedGpus"] = FieldKind.Number,
        ["phaseUpdatedAt"] = FieldKind.Date, ["category"] = FieldKind.String, ["priority"] = FieldKind.Number,
        ["totalPendingTimeSeconds"] = FieldKind.Number, ["totalRunningTimeSeconds"] = FieldKind.Number,
        ["priorityClassName"] = FieldKind.String, ["guaranteedRuntimeEndsAt"] = FieldKind.Date,
        ["aiApplicationId"] = FieldKind.String, ["aiApplicationName"] = FieldKind.String,
    };

    public static readonly Regex Pattern = Filters.BuildPattern(FieldMap.Keys);

    private static readonly string[] PriorityClasses = ["train", "build", "inference", "train"];

    public IReadOnlyDictionary<string, FieldKind> Fields => FieldMap;

    public string? GetString(int row, string field)
    {
        ref readonly var c = ref data.Core(row);
        return field switch
        {
            "type" => SimulatorData.Types[c.Type],
            "name" => data.WorkloadName(row),
            "clusterId" => data.ClusterId(c.Cluster).ToString(),
            "projectId" => SimulatorData.ProjectIds[c.Project],
            "projectName" => SimulatorData.ProjectNames[c.Project],
            "departmentId" => SimulatorData.DepartmentIds[c.Project % 3],
            "departmentName" => SimulatorData.DepartmentNames[c.Project % 3],
            "submittedBy" => SimulatorData.Users[c.User],
            "phase" => SimulatorData.Phases[c.Phase],
            "nodepool" => SimulatorData.Nodepools[c.NodepoolCurrent == 255 ? c.NodepoolRequested : c.NodepoolCurrent],
            "distributedFramework" => c.Type == 3 ? SimulatorData.Frameworks[c.Framework] : null,
            "category" => SimulatorData.Category(c.Type),
            "priorityClassName" => PriorityClasses[c.Type],
            "aiApplicationId" => c.AiApp == 0 ? null : Render.AiAppId(c.AiApp),
            "aiApplicationName" => c.AiApp == 0 ? null : Render.AiAppName(c.AiApp),
            _ => null,
        };
    }

    public double? GetNumber(int row, string field)
    {
        ref readonly var c = ref data.Core(row);
        var running = c.Phase is 5 or 6 or 9;
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

/// <summary>Rows are global pod indexes (workload-major order).</summary>
internal sealed class PodRows(SimulatorData data, Render render) : IRowSource
{
    public static readonly IReadOnlyDictionary<string, FieldKind> FieldMap = new Dictionary<string, FieldKind>
    {
        ["clusterId"] = FieldKind.String, ["workloadId"] = FieldKind.String, ["revisionId"] = FieldKind.String,
        ["nodeName"] = FieldKind.String, ["currentNodepool"] = FieldKind.String, ["createdAt"] = FieldKind.Date,
        ["completedAt"] = FieldKind.Date, ["deletedAt"] = FieldKind.Date,
    };

    public static readonly Regex Pattern = Filters.BuildPattern(FieldMap.Keys);

    public IReadOnlyDictionary<string, FieldKind> Fields => FieldMap;

    public (int Workload, int Pod) Locate(int row)
    {
        var lo = 0;
        var hi = data.WorkloadCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (data.PodStart(mid) <= row)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return (lo, row - data.PodStart(lo));
    }

    public string? GetString(int row, string field)
    {
        var (i, p) = Locate(row);
        return field switch
        {
            "clusterId" => data.ClusterId(data.Core(i).Cluster).ToString(),
            "workloadId" => data.GetWorkloadId(i).ToString(),
            "revisionId" => render.PodRevision(i, p) is var r && r >= 0 ? data.RevisionId(i, r).ToString() : null,
            "nodeName" => render.PodNodeName(i, p),
            "currentNodepool" => render.PodNodepool(i),
            _ => null,
        };
    }

    public double? GetNumber(int row, string field) => null;

    public long GetDate(int row, string field)
    {
        var (i, p) = Locate(row);
        return field switch
        {
            "createdAt" => render.PodCreatedTicks(i, p),
            "completedAt" => render.PodCompletedTicks(i, p),
            "deletedAt" => render.PodDeletedTicks(i, p),
            _ => 0,
        };
    }
}
