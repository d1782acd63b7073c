using System;
using System.Collections.Generic;
using System.Linq;

namespace RunAi.Simulator.Listing;

/// <summary>What a list request asks for: deleted or not, filterBy, search, sortBy and sortOrder.</summary>
internal sealed record ListQuery(bool Deleted, List<FilterExpression> Filters, string? Search, string? SortBy, bool Descending)
{
    /// <summary>Nothing to filter or sort: the default list.</summary>
    public bool IsPlain => Filters.Count == 0 && Search is null && SortBy is null && !Descending;

    public string CacheKey => Deleted + "|" + string.Join("\u0001", Filters.Select(f => f.Field + f.Op + f.Value)) + "|" + Search + "|" + SortBy + "|" + Descending;
}

/// <summary>
/// The list algorithm shared by workloads and pods: candidates (deleted or not, matching search), then filterBy,
/// then sortBy or a reversed default order. Results are cached, so the pages of one list cost one computation.
/// </summary>
internal sealed class RowLister
{
    private readonly QueryCache cache = new(8);

    public int[] List(IRowSource source, ListQuery query)
    {
        if (query.IsPlain && source.Unfiltered(query.Deleted) is { } ready)
        {
            return ready;
        }

        int[] Compute()
        {
            var rows = source.Candidates(query.Deleted, query.Search).Where(row => FilterExpression.MatchesAll(source, row, query.Filters)).ToArray();
            if (query.SortBy is not null)
            {
                RowSorter.Sort(source, rows, query.SortBy, query.Descending);
            }
            else if (query.Descending)
            {
                Array.Reverse(rows);
            }

            return rows;
        }

        return source.CacheScope is { } scope ? cache.GetOrAdd(scope + "|" + query.CacheKey, Compute) : Compute();
    }
}
