using System;
using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using RunAi.Client.Http;
using RunAi.Client.Paging;

namespace RunAi.Client
{
    public sealed partial class RunAiClient
    {
        /// <summary>
        /// Streams one paged list operation: each request is <paramref name="path"/> with offset and limit, plus the
        /// operation's own query; each item gets what the API does not repeat in it (the parent's id) from <paramref name="stamp"/>.
        /// </summary>
        private IAsyncEnumerable<T> StreamPages<TPage, T>(
            string what,
            string path,
            PagingOptions? paging,
            JsonTypeInfo<TPage> pageType,
            Func<TPage, (IReadOnlyList<T>? Items, long? Next)> read,
            Action<QueryBuilder>? query,
            Action<T>? stamp,
            CancellationToken cancellationToken)
        {
            return Pager.StreamAsync<T>(
                what, "/" + path, paging ?? new PagingOptions(),
                async (offset, limit, token) =>
                {
                    var uri = new QueryBuilder(path).Add("offset", offset).Add("limit", limit);
                    query?.Invoke(uri);
                    var (items, next) = read(await GetAsync(uri, pageType, token).ConfigureAwait(false));
                    if (stamp != null && items != null)
                    {
                        foreach (var item in items)
                        {
                            stamp(item);
                        }
                    }

                    return new Page<T>(items, next);
                },
                cancellationToken);
        }
    }
}
