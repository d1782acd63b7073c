using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Routing;
using RunAi.Simulator.Hosting;
using RunAi.Simulator.Json;
using RunAi.Simulator.Listing;

namespace RunAi.Simulator.Endpoints;

/// <summary>Pods: the list across workloads and its count, a workload's and a revision's pods, and the deprecated cluster pods list.</summary>
internal sealed class PodEndpoints(SimulatorData data, RowLister lister) : ApiEndpoints(data)
{
    public override void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, "/api/v1/workloads/pods", List);
        Get(routes, "/api/v1/workloads/pods/count", Count);
        Get(routes, "/api/v1/workloads/{workloadId}/pods", OfWorkload);
        Get(routes, "/api/v1/workloads/inferences/revisions/{revisionId}/pods", OfRevision);
        Get(routes, "/v1/k8s/clusters/{uuid}/pods", OfCluster);
    }

    private ApiResult List(ApiRequest request)
    {
        var verbosity = request.Query("verbosity") ?? "brief";
        if (verbosity is not ("brief" or "full"))
        {
            throw RequestRejectedException.BadRequest("verbosity must be brief or full");
        }

        var (offset, limit) = request.Paging();
        var source = new PodRows(Data, Completed(request));
        var found = lister.List(source, request.ListQuery(PodRows.FieldList, sorted: true));
        var full = verbosity == "full";
        return PageJson.Page("pods", found.Length, offset, limit, (w, k) =>
        {
            var (i, p) = Data.Pods.Locate(found[k]);
            PodJson.Write(w, Data, i, p, full);
        });
    }

    private ApiResult Count(ApiRequest request)
    {
        var source = new PodRows(Data, Completed(request));
        return PageJson.Count(lister.List(source, request.ListQuery(PodRows.FieldList, sorted: false)).Length);
    }

    private ApiResult OfWorkload(ApiRequest request)
    {
        var i = request.Workload();
        var (offset, limit) = request.Paging();
        var deleted = request.Flag("deleted");
        var search = request.Query("search");
        var pods = new List<int>();
        for (var p = 0; p < Data.Core(i).PodCount; p++)
        {
            if ((Data.Pods.DeletedTicks(i, p) != 0) == deleted
                && (string.IsNullOrEmpty(search) || Data.Pods.Name(i, p).Contains(search, StringComparison.OrdinalIgnoreCase)))
            {
                pods.Add(p);
            }
        }

        return PageJson.Page("pods", pods.Count, offset, limit, (w, k) => PodJson.Write(w, Data, i, pods[k], false));
    }

    private ApiResult OfRevision(ApiRequest request)
    {
        var (i, r) = request.Revision();
        var deleted = request.Flag("deleted");
        return PageJson.All("pods", w =>
        {
            for (var p = 0; p < Data.Core(i).PodCount; p++)
            {
                if (Data.Pods.RevisionOf(i, p) == r && (Data.Pods.DeletedTicks(i, p) != 0) == deleted)
                {
                    PodJson.Write(w, Data, i, p, false);
                }
            }
        });
    }

    /// <summary>The deprecated API answers a bare array of the cluster's live pods, and errors in its own shape.</summary>
    private ApiResult OfCluster(ApiRequest request)
    {
        if (!Guid.TryParse(request.Route("uuid"), out var id))
        {
            throw RequestRejectedException.ByLegacyClusterApi(400, "cluster uuid must be a UUID");
        }

        var cluster = Data.ClusterIndexOf(id);
        if (cluster < 0)
        {
            throw RequestRejectedException.ByLegacyClusterApi(404, "cluster " + id + " not found");
        }

        return ApiResult.Ok(w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < Data.WorkloadCount; i++)
            {
                if (Data.Core(i).Cluster != cluster)
                {
                    continue;
                }

                for (var p = 0; p < Data.Core(i).PodCount; p++)
                {
                    if (Data.Pods.DeletedTicks(i, p) == 0)
                    {
                        PodJson.WriteLegacy(w, Data, i, p);
                    }
                }
            }

            w.WriteEndArray();
        });
    }

    /// <summary><c>completed</c>: true, false or all (any letter case; empty = all).</summary>
    private static bool? Completed(ApiRequest request)
    {
        var text = request.Query("completed");
        if (string.IsNullOrEmpty(text) || text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return text.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : throw RequestRejectedException.BadRequest("completed must be true, false or all");
    }
}
