using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace RunAi.PowerShell.Tests;

/// <summary>Everything a user or a script could see of an error or an object, as text: where a secret must never be.</summary>
internal static class VisibleText
{
    /// <summary>Every text an error record carries: message, details, advice, target, the exception chain and its ToString().</summary>
    public static IEnumerable<string> TextOf(ErrorRecord error)
    {
        yield return error.ToString();
        yield return error.FullyQualifiedErrorId;
        yield return error.CategoryInfo.ToString();
        yield return error.ErrorDetails?.Message ?? string.Empty;
        yield return error.ErrorDetails?.RecommendedAction ?? string.Empty;
        yield return error.TargetObject?.ToString() ?? string.Empty;
        yield return error.ScriptStackTrace ?? string.Empty;
        for (var e = error.Exception; e != null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
            foreach (var property in e.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length == 0 && property.Name != nameof(Exception.TargetSite))
                {
                    object? value;
                    try
                    {
                        value = property.GetValue(e);
                    }
                    catch (System.Reflection.TargetInvocationException)
                    {
                        continue;
                    }

                    yield return property.Name + "=" + value;
                }
            }
        }
    }

    /// <summary>
    /// Every readable public property value reachable from <paramref name="root"/> (depth-limited, cycles cut),
    /// rendered as text, with the object's own ToString().
    /// </summary>
    public static List<string> Walk(object? root, int depth = 5)
    {
        var texts = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, depth);
        return texts;

        void Visit(object? value, int left)
        {
            if (value is null)
            {
                return;
            }

            if (value is PSObject ps)
            {
                foreach (var property in ps.Properties)
                {
                    object? inner;
                    try
                    {
                        inner = property.Value;
                    }
                    catch (GetValueInvocationException)
                    {
                        continue;
                    }

                    texts.Add(property.Name + "=" + inner);
                    Visit(inner, left - 1);
                }

                value = ps.BaseObject;
            }

            texts.Add(value.ToString() ?? string.Empty);
            var type = value.GetType();
            if (left <= 0 || type.IsPrimitive || value is string || value is Guid || value is DateTimeOffset || value is DateTime || value is Uri || type.IsEnum || !seen.Add(value))
            {
                return;
            }

            if (value is System.Collections.IEnumerable items)
            {
                var n = 0;
                foreach (var item in items)
                {
                    Visit(item, left - 1);
                    if (++n > 50)
                    {
                        break;
                    }
                }
            }

            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || !property.CanRead)
                {
                    continue;
                }

                object? inner;
                try
                {
                    inner = property.GetValue(value);
                }
                catch (System.Reflection.TargetInvocationException)
                {
                    continue;
                }

                texts.Add(property.Name + "=" + inner);
                Visit(inner, left - 1);
            }
        }
    }
}
