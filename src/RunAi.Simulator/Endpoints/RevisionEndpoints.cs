using System.Collections.Generic;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;

namespace RunAi.Simulator.Endpoints;

/// <summary>Revisions of inference workloads: the list (unpaged), its count, one revision.</summary>
internal sealed class RevisionEndpoints(SimulatorData data) : ApiEndpoints(data)
{
    public override void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v1/workloads/inferences/{workloadId}/revisions", List);
        Get(routes, "/api/v1/workloads/inferences/{workloadId}/revisions/count", Count);
        Get(routes, "/api/v1/workloads/inferences/revisions/{revisionId}", GetOne);
    }

    private ApiResult List(ApiRequest request)
    {
        var i = request.InferenceWorkload();
        var revisions = RevisionsOf(i, request.Flag("deleted"));
        return PageJson.All("revisions", w =>
        {
            foreach (var r in revisions)
            {
                RevisionJson.Write(w, Data, i, r);
            }
        });
    }

    private ApiResult Count(ApiRequest request)
    {
        var i = request.InferenceWorkload();
        return PageJson.Count(RevisionsOf(i, request.Flag("deleted")).Count);
    }

    private ApiResult GetOne(ApiRequest request)
    {
        var (i, r) = request.Revision();
        return ApiResult.Ok(w => RevisionJson.Write(w, Data, i, r));
    }

    private List<int> RevisionsOf(int i, bool deleted)
    {
        var list = new List<int>();
        for (var r = 0; r < Data.Core(i).RevisionCount; r++)
        {
            if ((Data.Revisions.DeletedTicks(i, r) != 0) == deleted)
            {
                list.Add(r);
            }
        }

        return list;
    }
}
