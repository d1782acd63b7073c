using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;

namespace RunAi.HelpBuilder.Metadata;

/// <summary>
/// A cmdlet's parameter defaults are its property initialisers (<c>PageSize = 100</c>), so they are read from a fresh
/// instance rather than restated in prose, where they could go stale.
/// </summary>
internal static class DefaultValues
{
    public static IReadOnlyDictionary<string, object?> Of(Type cmdletType, IEnumerable<string> parameterNames)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var instance = Activator.CreateInstance(cmdletType);
        try
        {
            foreach (var name in parameterNames)
            {
                // Parameters such as -First come from the engine (SupportsPaging), not from a property of the cmdlet.
                if (cmdletType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanRead: true } property)
                {
                    values[name] = property.GetValue(instance);
                }
            }
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }

        return values;
    }

    /// <summary>The default as help shows it, or null when the parameter simply is not set (null, empty, a Guid of zeros).</summary>
    public static string? Describe(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        Guid id => id == Guid.Empty ? null : id.ToString(),
        ICollection collection => collection.Count == 0 ? null : string.Join(", ", ToStrings(collection)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static IEnumerable<string?> ToStrings(IEnumerable values)
    {
        foreach (var value in values)
        {
            yield return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
