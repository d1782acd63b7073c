using System;
using System.Collections.Generic;
using System.Globalization;
using RunAi.Simulator.Endpoints;
using RunAi.Simulator.Json;

namespace RunAi.Simulator.Listing;

/// <summary>One <c>filterBy</c> expression: field, operator, value (parsed as a number or date when the field is one).</summary>
internal sealed record FilterExpression(string Field, FieldKind Kind, string Op, string Value, double Number, long Ticks)
{
    /// <summary>The API's filter operators.</summary>
    public static readonly string[] Operators = ["==", "!=", "<=", ">=", "=@", "!@", "=^", "=$"];

    private const int MaxExpressions = 10;

    private bool IsComparison => Op is "==" or "!=" or "<=" or ">=";

    /// <summary>Parses filterBy values (each may hold comma-separated expressions).</summary>
    public static List<FilterExpression> Parse(IEnumerable<string> raw, RowFields fields)
    {
        var result = new List<FilterExpression>();
        foreach (var value in raw)
        {
            foreach (var part in value.Split(','))
            {
                var expr = part.Trim();
                if (expr.Length > 0)
                {
                    result.Add(ParseOne(expr, fields));
                }
            }
        }

        return result.Count > MaxExpressions ? throw RequestRejectedException.BadRequest("at most 10 filterBy expressions are allowed") : result;
    }

    public static bool MatchesAll(IRowSource rows, int row, List<FilterExpression> filters)
    {
        foreach (var f in filters)
        {
            if (!f.Matches(rows, row))
            {
                return false;
            }
        }

        return true;
    }

    private static FilterExpression ParseOne(string expr, RowFields fields)
    {
        var m = fields.FilterPattern.Match(expr);
        if (!m.Success)
        {
            throw RequestRejectedException.BadRequest("invalid filterBy expression '" + expr + "'; expected field-name, operator (" + string.Join(", ", Operators) + ") and value; fields: " + string.Join(", ", fields.Names));
        }

        var parsed = new FilterExpression(m.Groups[1].Value, fields.KindOf(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, 0, 0);
        if (parsed.Kind == FieldKind.Date)
        {
            if (!parsed.IsComparison)
            {
                throw RequestRejectedException.BadRequest("operator " + parsed.Op + " is not supported for date field " + parsed.Field);
            }

            return IsoTime.TryParse(parsed.Value, out var ticks)
                ? parsed with { Ticks = ticks }
                : throw RequestRejectedException.BadRequest("invalid date '" + parsed.Value + "' for field " + parsed.Field + "; use ISO 8601");
        }

        if (parsed.Kind == FieldKind.Number && parsed.IsComparison)
        {
            return double.TryParse(parsed.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? parsed with { Number = number }
                : throw RequestRejectedException.BadRequest("invalid number '" + parsed.Value + "' for field " + parsed.Field);
        }

        return parsed;
    }

    /// <summary>A row without the field matches only the negative operators.</summary>
    private bool Matches(IRowSource rows, int row)
    {
        if (Kind == FieldKind.Date)
        {
            var t = rows.GetDate(row, Field);
            if (t == 0)
            {
                return Op == "!=";
            }

            // Compare at millisecond precision (the wire format).
            return Compare((t / TimeSpan.TicksPerMillisecond).CompareTo(Ticks / TimeSpan.TicksPerMillisecond));
        }

        if (Kind == FieldKind.Number && IsComparison)
        {
            var n = rows.GetNumber(row, Field);
            return n is null ? Op == "!=" : CompareNumber(n.Value);
        }

        // Text operators, and numbers compared as text for the text operators.
        var s = Kind == FieldKind.Number ? rows.GetNumber(row, Field)?.ToString(CultureInfo.InvariantCulture) : rows.GetString(row, Field);
        if (s is null)
        {
            return Op is "!=" or "!@";
        }

        return Op switch
        {
            "=@" => s.Contains(Value, StringComparison.OrdinalIgnoreCase),
            "!@" => !s.Contains(Value, StringComparison.OrdinalIgnoreCase),
            "=^" => s.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
            "=$" => s.EndsWith(Value, StringComparison.OrdinalIgnoreCase),
            _ => Compare(string.Compare(s, Value, StringComparison.OrdinalIgnoreCase)),
        };
    }

    /// <summary>Doubles are compared with the operators themselves (so NaN compares as IEEE says).</summary>
    private bool CompareNumber(double n) => Op switch { "==" => n == Number, "!=" => n != Number, "<=" => n <= Number, _ => n >= Number };

    private bool Compare(int order) => Op switch { "==" => order == 0, "!=" => order != 0, "<=" => order <= 0, _ => order >= 0 };
}
