using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RunAi.Simulator.Listing;

/// <summary>How a field compares in filterBy and sortBy.</summary>
internal enum FieldKind
{
    String,
    Number,
    Date,
}

/// <summary>The fields a list can be filtered and sorted by, in the order the API documents them.</summary>
internal sealed class RowFields
{
    private readonly Dictionary<string, FieldKind> kinds;

    public RowFields(params (string Name, FieldKind Kind)[] fields)
    {
        Names = fields.Select(f => f.Name).ToArray();
        kinds = fields.ToDictionary(f => f.Name, f => f.Kind);

        // Longest names first, so a field that is the prefix of another (name / nameX) does not steal its match.
        FilterPattern = new Regex(
            "^(" + string.Join("|", Names.OrderByDescending(f => f.Length)) + ")(" + string.Join("|", FilterExpression.Operators.Select(Regex.Escape)) + ")(.+)$",
            RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>field, operator, value.</summary>
    public Regex FilterPattern { get; }

    public bool Contains(string name) => kinds.ContainsKey(name);

    public FieldKind KindOf(string name) => kinds[name];
}
