using System;
using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using RunAi.Client.Http;
using RunAi.Client.Models;

namespace RunAi.Client.Paging
{
    /// <summary>
    /// One paged list operation: what it lists (for progress and errors), its path, how a page is read, the operation's own
    /// query and, for items the API returns without their parent's ids, what the list was read for.
    /// </summary>
    internal sealed class ListSpec<TPage, T>
    {
        public ListSpec(string what, string path, JsonTypeInfo<TPage> pageType, Func<TPage, (IReadOnlyList<T>? Items, long? Next)> read)
        {
            What = what;
            Path = path;
            PageType = pageType;
            Read = read;
        }

        public string What { get; }

        public string Path { get; }

        public JsonTypeInfo<TPage> PageType { get; }

        public Func<TPage, (IReadOnlyList<T>? Items, long? Next)> Read { get; }

        /// <summary>Adds the operation's own parameters after offset and limit.</summary>
        public Action<QueryBuilder>? Query { get; private set; }

        /// <summary>Sets the parent's ids on each item.</summary>
        public Action<T>? Stamp { get; private set; }

        public ListSpec<TPage, T> WithQuery(Action<QueryBuilder> query)
        {
            Query = query;
            return this;
        }

        public ListSpec<TPage, T> WithStamp(Action<T> stamp)
        {
            Stamp = stamp;
            return this;
        }
    }

    internal static class ListSpec
    {
        /// <summary>A list operation, its item type inferred from <paramref name="read"/>.</summary>
        public static ListSpec<TPage, T> Of<TPage, T>(string what, string path, JsonTypeInfo<TPage> pageType, Func<TPage, (IReadOnlyList<T>? Items, long? Next)> read) =>
            new ListSpec<TPage, T>(what, path, pageType, read);

        /// <summary>The items are the children of <paramref name="listedFor"/>: each gets its ids.</summary>
        public static ListSpec<TPage, T> ListedFor<TPage, T>(this ListSpec<TPage, T> spec, ListedFor listedFor)
            where T : IListedItem =>
            spec.WithStamp(item => listedFor.Stamp(item));
    }
}
