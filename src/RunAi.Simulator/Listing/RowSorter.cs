using System;

namespace RunAi.Simulator.Listing;

/// <summary>Sorts rows by a field: ties keep the default order, missing values sort first (ascending).</summary>
internal static class RowSorter
{
    public static void Sort(IRowSource source, int[] rows, string field, bool descending)
    {
        var sign = descending ? -1 : 1;
        switch (source.Fields.KindOf(field))
        {
            case FieldKind.String:
                SortBy(rows, Keys(rows, r => source.GetString(r, field)), (a, b) => sign * StringComparer.OrdinalIgnoreCase.Compare(a, b));
                break;
            case FieldKind.Number:
                SortBy(rows, Keys(rows, r => source.GetNumber(r, field) ?? double.NegativeInfinity), (a, b) => sign * a.CompareTo(b));
                break;
            default:
                SortBy(rows, Keys(rows, r => source.GetDate(r, field)), (a, b) => sign * a.CompareTo(b));
                break;
        }
    }

    private static T[] Keys<T>(int[] rows, Func<int, T> key)
    {
        var keys = new T[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            keys[k] = key(rows[k]);
        }

        return keys;
    }

    private static void SortBy<T>(int[] rows, T[] keys, Comparison<T> compare)
    {
        var order = new int[rows.Length];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (x, y) =>
        {
            var c = compare(keys[x], keys[y]);
            return c != 0 ? c : rows[x].CompareTo(rows[y]);
        });
        var copy = (int[])rows.Clone();
        for (var k = 0; k < order.Length; k++)
        {
            rows[k] = copy[order[k]];
        }
    }
}
