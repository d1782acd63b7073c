using System;
using System.Linq;

namespace RunAi.Simulator.Data;

/// <summary>Picks a value with a probability proportional to its weight (rows are tried in the order given).</summary>
internal sealed class WeightedTable<T>
{
    private readonly (T Value, int Weight)[] rows;
    private readonly int total;

    public WeightedTable(params (T Value, int Weight)[] rows)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Length);
        this.rows = rows;
        total = rows.Sum(r => r.Weight);
    }

    public T Pick(ref Hash hash)
    {
        var roll = hash.Int(total);
        foreach (var (value, weight) in rows)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return rows[^1].Value;
    }
}
