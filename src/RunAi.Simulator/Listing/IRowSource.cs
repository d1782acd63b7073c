using System.Collections.Generic;

namespace RunAi.Simulator.Listing;

/// <summary>A kind of listable row (a workload index, a global pod row): which rows exist and what their fields hold.</summary>
internal interface IRowSource
{
    RowFields Fields { get; }

    /// <summary>Distinguishes this source's (and scope's) cached results from others'.</summary>
    string CacheScope { get; }

    /// <summary>The rows of an unfiltered, unsorted list when they are kept ready, else null.</summary>
    int[]? Unfiltered(bool deleted);

    /// <summary>The deleted or not deleted rows in the default order.</summary>
    IEnumerable<int> Candidates(bool deleted);

    /// <summary>Whether the row matches a <c>search</c> text (its name or its owner's).</summary>
    bool MatchesSearch(int row, string search);

    string? GetString(int row, string field);

    double? GetNumber(int row, string field);

    /// <summary>Ticks; 0 = no value.</summary>
    long GetDate(int row, string field);
}
