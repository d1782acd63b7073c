using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;
using RunAi.Simulator.Listing;

namespace RunAi.Simulator.Endpoints;

/// <summary>Workloads: the list and its count, one workload, its endpoints and its structure elements.</summary>
internal sealed class WorkloadEndpoints(SimulatorData data, RowLister lister) : ApiEndpoints(data)
{
    /// <summary>Heavy workloads report more elements than they store (the API keeps at most this many).</summary>
    private const int StoredElementsThreshold = 120;

    private readonly WorkloadRows rows = new(data);

    public override void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v1/workloads", List);
        Get(routes, "/api/v1/workloads/count", Count);
        Get(routes, "/api/v1/workloads/{workloadId}", GetOne);
        Get(routes, "/api/v1/workloads/{workloadId}/endpoints", Endpoints);
        Get(routes, "/api/v1/workloads/{workloadId}/elements", Elements);
        Get(routes, "/api/v1/workloads/{workloadId}/elements/count", ElementsCount);
    }

    private ApiResult List(ApiRequest request)
    {
        var (offset, limit) = request.Paging();
        var found = lister.List(rows, request.ListQuery(WorkloadRows.FieldList, sorted: true));
        return PageJson.Page("workloads", found.Length, offset, limit, (w, k) => WorkloadJson.Write(w, Data, found[k], false));
    }

    private ApiResult Count(ApiRequest request) => PageJson.Count(lister.List(rows, request.ListQuery(WorkloadRows.FieldList, sorted: false)).Length);

    private ApiResult GetOne(ApiRequest request)
    {
        var i = request.Workload();
        return ApiResult.Ok(w => WorkloadJson.Write(w, Data, i, true));
    }

    private ApiResult Endpoints(ApiRequest request)
    {
        var i = request.Workload();
        return PageJson.All("endpoints", w => EndpointJson.WriteItems(w, Data, i));
    }

    private ApiResult Elements(ApiRequest request)
    {
        var i = request.Workload();
        var (offset, limit) = request.Paging();
        return PageJson.Page("elements", Data.Core(i).ElementCount, offset, limit, (w, k) => ElementJson.Write(w, Data, i, k));
    }

    private ApiResult ElementsCount(ApiRequest request)
    {
        var stored = Data.Core(request.Workload()).ElementCount;
        var total = stored >= StoredElementsThreshold ? stored + 25 : stored;
        return ApiResult.Ok(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("storedElementsCount", stored);
            w.WriteNumber("totalElementsCount", total);
            w.WriteEndObject();
        });
    }
}
