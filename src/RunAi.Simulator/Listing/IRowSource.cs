using System.Collections.Generic;

namespace RunAi.Simulator.Listing;

/// <summary>A kind of listable row (a workload index, a global pod row): which rows exist and what their fields hold.</summary>
internal interface IRowSource
{
    RowFields Fields { get; }

    /// <summary>
    /// Distinguishes this source's (and scope's) cached results from others'; null when its rows change with the clock
    /// (live workloads), so its results are computed for every request.
    /// </summary>
    string? CacheScope { get; }

    /// <summary>The rows of an unfiltered, unsorted list when they are kept ready, else null.</summary>
    int[]? Unfiltered(bool deleted);

    /// <summary>The deleted or not deleted rows, in the default order, that match a <c>search</c> text (when given) by their name or their owner's.</summary>
    IEnumerable<int> Candidates(bool deleted, string? search);

    string? GetString(int row, string field);

    double? GetNumber(int row, string field);

    /// <summary>Ticks; 0 = no value.</summary>
    long GetDate(int row, string field);
}
