using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace RunAi.HelpBuilder.Metadata;

/// <summary>
/// Type names as a PowerShell user writes them: <c>string</c>, <c>int</c>, <c>Guid[]</c>, <c>RunAiPhase</c>. Never a
/// CLR name such as <c>Nullable`1</c> or <c>System.String</c>: those mean nothing at the prompt.
/// </summary>
internal static class FriendlyTypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(string)] = "string",
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(uint)] = "uint",
        [typeof(ulong)] = "ulong",
        [typeof(bool)] = "bool",
        [typeof(double)] = "double",
        [typeof(object)] = "object",
        [typeof(Hashtable)] = "hashtable",
        [typeof(IDictionary)] = "hashtable",
        [typeof(ScriptBlock)] = "scriptblock",
    };

    public static string Of(Type type)
    {
        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying != null)
        {
            return Of(underlying);
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsGenericType)
        {
            throw new NotSupportedException($"No friendly name for the generic parameter type {type.FullName}: give the parameter a plain type.");
        }

        return type.Name;
    }

    /// <summary>The type whose values a parameter takes one or more of: the element of an array, the value of a Nullable.</summary>
    public static Type ValueType(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }
}
