using System;
using System.Collections.Generic;
using System.Threading;

namespace RunAi.Simulator.Listing;

/// <summary>A small LRU of list results (row arrays), so paging through a filtered or sorted list computes it once.</summary>
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
