using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Finds a null item in the lists of an answer (<c>"workloads": [null]</c>) whose items the API documents as never null;
    /// letting it through would end in a NullReferenceException wherever the items are used, far from the answer that
    /// caused it. Lists of nullable items (events) drop their nulls while they are read (<see cref="Json.NullableItemsConverter{TList, TItem}"/>).
    /// Only the answer object's own lists are checked: a page's items, not every nested field, so the cost stays one
    /// pass over each page.
    /// </summary>
    internal static class NullItems
    {
        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ListProperties = new ConcurrentDictionary<Type, PropertyInfo[]>();

        /// <summary>A description of the first null item (list and position), or null when there is none.</summary>
        public static string? Find(object answer)
        {
            if (answer is IList top)
            {
                return HoldsApiObjects(answer.GetType()) ? FirstNull(top, "the answer") : null;
            }

            foreach (var property in ListProperties.GetOrAdd(answer.GetType(), ListsOf))
            {
                if (property.GetValue(answer) is IList list)
                {
                    var hole = FirstNull(list, "'" + property.Name + "'");
                    if (hole != null)
                    {
                        return hole;
                    }
                }
            }

            return null;
        }

        private static PropertyInfo[] ListsOf(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && typeof(IList).IsAssignableFrom(p.PropertyType) && HoldsApiObjects(p.PropertyType))
                .ToArray();

        // Only lists of API objects (the items of a page): a null among plain values is the server's business.
        private static bool HoldsApiObjects(Type type)
        {
            var element = type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null;
            return element != null && typeof(Models.RunAiObject).IsAssignableFrom(element);
        }

        private static string? FirstNull(IList list, string name)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    return string.Format(CultureInfo.InvariantCulture, "item {0} of {1}", i, name);
                }
            }

            return null;
        }
    }
}
