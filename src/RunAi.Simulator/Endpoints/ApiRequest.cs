using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Http;
using RunAi.Simulator.Data;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Listing;

namespace RunAi.Simulator.Endpoints;

/// <summary>
/// Reads one request's route values and query parameters the way Run:ai validates them. Every reader throws
/// <see cref="RequestRejectedException"/> on a bad value, so handlers read what they need in the order the server
/// checks it and never test for errors themselves.
/// </summary>
internal sealed class ApiRequest(HttpContext ctx, SimulatorData data)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The request body as read on arrival (null when there was none).</summary>
    public string? Body => RequestRecorder.RequestOf(ctx).Body;

    /// <summary>First value of a query parameter, or null when absent.</summary>
    public string? Query(string name)
    {
        var v = ctx.Request.Query[name];
        return v.Count == 0 ? null : v[0];
    }

    /// <summary>Every value of a repeated query parameter.</summary>
    public IEnumerable<string> QueryAll(string name) => ctx.Request.Query[name].Where(s => s is not null)!;

    /// <summary>Every value, each split at commas, trimmed, empty items dropped.</summary>
    public List<string> QueryList(string name)
        => QueryAll(name).SelectMany(s => s.Split(',')).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    public string? Route(string name) => ctx.Request.RouteValues[name] as string;

    /// <summary><c>offset</c> (default 0) and <c>limit</c> (1–500, default 50).</summary>
    public (int Offset, int Limit) Paging()
    {
        var offset = 0;
        var limit = DefaultLimit;
        var o = Query("offset");
        if (o is not null && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw RequestRejectedException.BadRequest("offset must be an integer >= 0");
        }

        var l = Query("limit");
        if (l is not null && (!int.TryParse(l, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            throw RequestRejectedException.BadRequest("limit must be an integer between 1 and 500");
        }

        return (offset, limit);
    }

    /// <summary>A true/false parameter; absent or empty is false.</summary>
    public bool Flag(string name)
    {
        var s = Query(name);
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }

        return bool.TryParse(s, out var value) ? value : throw RequestRejectedException.BadRequest(name + " must be true or false");
    }

    /// <summary><c>sortOrder</c>: asc or desc, else the given default.</summary>
    public bool SortDescending(bool byDefault) => Query("sortOrder") switch
    {
        null => byDefault,
        "asc" => false,
        "desc" => true,
        _ => throw RequestRejectedException.BadRequest("sortOrder must be asc or desc"),
    };

    /// <summary>The list parameters shared by workloads and pods: deleted, sortBy/sortOrder (when sorted), filterBy, search.</summary>
    public ListQuery ListQuery(RowFields fields, bool sorted)
    {
        var deleted = Flag("deleted");
        string? sortBy = null;
        var descending = false;
        if (sorted)
        {
            sortBy = Query("sortBy");
            if (sortBy is not null && !fields.Contains(sortBy))
            {
                throw RequestRejectedException.BadRequest("sortBy must be one of: " + string.Join(", ", fields.Names));
            }

            descending = SortDescending(false);
        }

        var filters = FilterExpression.Parse(QueryAll("filterBy"), fields);
        var search = Query("search");
        return new ListQuery(deleted, filters, string.IsNullOrEmpty(search) ? null : search, sortBy, descending);
    }

    /// <summary>The workload of the <c>workloadId</c> route value.</summary>
    public int Workload()
    {
        if (!Guid.TryParse(Route("workloadId"), out var id))
        {
            throw RequestRejectedException.BadRequest("workloadId must be a UUID");
        }

        var index = data.IndexOf(id);
        return index >= 0 ? index : throw RequestRejectedException.NotFound("workload " + id + " not found");
    }

    /// <summary>The workload of the <c>workloadId</c> route value, which must be an inference workload.</summary>
    public int InferenceWorkload()
    {
        var i = Workload();
        return data.Core(i).RevisionCount > 0 ? i : throw RequestRejectedException.NotFound("workload " + data.GetWorkloadId(i) + " is not an inference workload");
    }

    /// <summary>The workload and revision of the <c>revisionId</c> route value.</summary>
    public (int Workload, int Revision) Revision()
    {
        if (!Guid.TryParse(Route("revisionId"), out var id))
        {
            throw RequestRejectedException.BadRequest("revisionId must be a UUID");
        }

        if (!data.TryDecode(id, EntityKind.Revision, out var index, out var revision) || index >= data.WorkloadCount || revision >= data.Core(index).RevisionCount)
        {
            throw RequestRejectedException.NotFound("revision " + id + " not found");
        }

        return (index, revision);
    }
}
