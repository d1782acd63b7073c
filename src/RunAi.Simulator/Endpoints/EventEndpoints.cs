using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;

namespace RunAi.Simulator.Endpoints;

/// <summary>Events (newest first unless sortOrder=asc) and histories (newest first) of workloads and of revisions.</summary>
internal sealed class EventEndpoints(SimulatorData data) : ApiEndpoints(data)
{
    public override void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v1/workloads/{workloadId}/events", r => Events(r, (r.Workload(), -1)));
        Get(routes, "/api/v1/workloads/{workloadId}/history", r => History(r, (r.Workload(), -1)));
        Get(routes, "/api/v1/workloads/inferences/revisions/{revisionId}/events", r => Events(r, r.Revision()));
        Get(routes, "/api/v1/workloads/inferences/revisions/{revisionId}/history", r => History(r, r.Revision()));
    }

    /// <summary>The owner is a workload (revision -1) or one of its revisions.</summary>
    private ApiResult Events(ApiRequest request, (int Workload, int Revision) owner)
    {
        var (i, r) = owner;
        var (offset, limit) = request.Paging();
        var descending = request.SortDescending(true);
        var n = Data.Events.Count(i, r);
        return PageJson.Page("events", n, offset, limit, (w, k) => EventJson.Write(w, Data, i, r, descending ? n - 1 - k : k));
    }

    private ApiResult History(ApiRequest request, (int Workload, int Revision) owner)
    {
        var (i, r) = owner;
        var (offset, limit) = request.Paging();
        var records = Data.Events.History(i, r);
        return PageJson.Page("records", records.Count, offset, limit, (w, k) => EventJson.WriteHistoryRecord(w, Data, i, r, records[k]));
    }
}
