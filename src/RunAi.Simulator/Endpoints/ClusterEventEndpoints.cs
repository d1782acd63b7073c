using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Data;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;

namespace RunAi.Simulator.Endpoints;

/// <summary>The cluster-monitor service (/v0, its own error shape): health events, newest first.</summary>
internal sealed class ClusterEventEndpoints(SimulatorData data) : ApiEndpoints(data)
{
    public override void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/v0/cluster/events", List);
        Get(routes, "/v0/cluster/events/{event_id}", GetOne);
    }

    private ApiResult List(ApiRequest request)
    {
        var fields = ReadSelector(request);
        var n = SimulatorData.ClusterEventCount;
        var l = request.Query("limit");
        if (l is not null && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1 || n > SimulatorData.ClusterEventCount))
        {
            throw RequestRejectedException.ByClusterMonitor(400, "invalid_limit", "limit must be between 1 and 1000");
        }

        return ApiResult.Ok(w =>
        {
            w.WriteStartArray();
            for (var k = 0; k < n; k++)
            {
                ClusterEventJson.Write(w, Data, k, fields);
            }

            w.WriteEndArray();
        });
    }

    /// <summary>An event by id, or the newest one for "latest"; older events are gone.</summary>
    private ApiResult GetOne(ApiRequest request)
    {
        var raw = request.Route("event_id");
        int k;
        if (string.Equals(raw, "latest", StringComparison.Ordinal))
        {
            k = 0;
        }
        else if (!Guid.TryParse(raw, out var id))
        {
            throw RequestRejectedException.ByClusterMonitor(400, "invalid_event_id", "event_id must be a UUID or 'latest'", raw);
        }
        else if (!Data.TryDecode(id, EntityKind.ClusterEvent, out k, out _) || k >= SimulatorData.ClusterEventCount)
        {
            throw RequestRejectedException.ByClusterMonitor(404, "event_not_found", "event " + id + " not found", "events older than 72 hours are deleted");
        }

        var fields = ReadSelector(request);
        return ApiResult.Ok(w => ClusterEventJson.Write(w, Data, k, fields));
    }

    /// <summary><c>selector</c>: the fields to return; null (all) when absent or empty.</summary>
    private static HashSet<string>? ReadSelector(ApiRequest request)
    {
        var parts = request.QueryList("selector");
        var unknown = parts.FirstOrDefault(f => !ClusterEventJson.Fields.Contains(f));
        if (unknown is not null)
        {
            throw RequestRejectedException.ByClusterMonitor(400, "invalid_selector", "unknown selector field '" + unknown + "'", "allowed fields: " + string.Join(", ", ClusterEventJson.Fields));
        }

        return parts.Count == 0 ? null : parts.ToHashSet(StringComparer.Ordinal);
    }
}
