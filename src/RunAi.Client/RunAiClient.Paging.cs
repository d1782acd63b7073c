using System.Collections.Generic;
using System.Threading;
using RunAi.Client.Http;
using RunAi.Client.Paging;

namespace RunAi.Client
{
    public sealed partial class RunAiClient
    {
        /// <summary>
        /// Streams one paged list operation: each request is the list's path with offset and limit, plus the operation's
        /// own query; each item gets what the API does not repeat in it (the parent's ids).
        /// </summary>
        private IAsyncEnumerable<T> StreamPages<TPage, T>(ListSpec<TPage, T> list, PagingOptions? paging, CancellationToken cancellationToken)
        {
            return Pager.StreamAsync<T>(
                list.What, "/" + list.Path, paging ?? new PagingOptions(),
                async (offset, limit, token) =>
                {
                    var uri = new QueryBuilder(list.Path).Add("offset", offset).Add("limit", limit);
                    list.Query?.Invoke(uri);
                    var (items, next) = list.Read(await GetAsync(uri, list.PageType, token).ConfigureAwait(false));
                    if (list.Stamp != null && items != null)
                    {
                        foreach (var item in items)
                        {
                            list.Stamp(item);
                        }
                    }

                    return new Page<T>(items, next);
                },
                cancellationToken);
        }
    }
}
