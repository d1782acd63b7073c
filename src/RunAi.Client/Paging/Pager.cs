using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Paging
{
    /// <summary>One page of a list: its items and the offset of the next page (null on the last page).</summary>
    internal readonly struct Page<T>
    {
        public Page(IReadOnlyList<T>? items, long? next)
        {
            Items = items ?? Array.Empty<T>();
            Next = next;
        }

        public IReadOnlyList<T> Items { get; }

        public long? Next { get; }
    }

    /// <summary>
    /// Streams a list page by page. Items are yielded as each page arrives while the next page is already
    /// being fetched (one page ahead, so memory stays flat). Stops on a missing <c>next</c> or an empty page,
    /// fails on a <c>next</c> that does not move forward, and never asks for more than <see cref="PagingOptions.First"/> needs.
    /// </summary>
    internal static class Pager
    {
        public delegate Task<Page<T>> PageFetcher<T>(long offset, int limit, CancellationToken cancellationToken);

        public static async IAsyncEnumerable<T> StreamAsync<T>(
            string what, string path, PagingOptions paging, PageFetcher<T> fetch, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var remaining = paging.First ?? long.MaxValue;
            if (remaining == 0)
            {
                yield break;
            }

            var offset = paging.Skip;
            var pageNumber = 1;
            using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var current = Fetch(fetch, what, pageNumber, offset, LimitFor(paging, remaining), ahead.Token);
            while (true)
            {
                var page = await current.ConfigureAwait(false);
                RunAiDiagnostics.PageReceived(what, pageNumber, page.Items.Count);
                if (page.Items.Count == 0)
                {
                    yield break;
                }

                var take = (int)Math.Min(page.Items.Count, remaining);
                remaining -= take;
                Task<Page<T>>? next = null;
                long nextOffset = 0;
                if (remaining > 0 && page.Next is long announced)
                {
                    if (announced <= offset)
                    {
                        throw new RunAiApiException(
                            RunAiFailureKind.PagingFault, "GET", path,
                            string.Format(CultureInfo.InvariantCulture, "GET {0} broke paging: the page at offset {1} announced next={2}, which does not move forward. Stopped to avoid an endless loop.", path, offset, announced));
                    }

                    if (announced > PagingOptions.MaxOffset)
                    {
                        throw new RunAiApiException(
                            RunAiFailureKind.PagingFault, "GET", path,
                            string.Format(CultureInfo.InvariantCulture, "GET {0} broke paging: the page at offset {1} announced next={2}, past the largest offset the API takes ({3}). Stopped without asking for it.", path, offset, announced, PagingOptions.MaxOffset));
                    }

                    nextOffset = announced;
                    next = Fetch(fetch, what, pageNumber + 1, nextOffset, LimitFor(paging, remaining), ahead.Token);
                }

                var pageDone = false;
                try
                {
                    for (var i = 0; i < take; i++)
                    {
                        yield return page.Items[i];
                    }

                    pageDone = true;
                }
                finally
                {
                    if (!pageDone && next != null)
                    {
                        // The caller stopped early (Select-Object -First, Ctrl+C): drop the page fetched ahead.
                        ahead.Cancel();
                        Abandon(next);
                    }
                }

                if (next is null)
                {
                    yield break;
                }

                offset = nextOffset;
                pageNumber++;
                current = next;
            }
        }

        private static void Abandon(Task task) =>
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        private static int LimitFor(PagingOptions paging, long remaining) => (int)Math.Min(paging.PageSize, remaining);

        private static Task<Page<T>> Fetch<T>(PageFetcher<T> fetch, string what, int pageNumber, long offset, int limit, CancellationToken cancellationToken)
        {
            RunAiDiagnostics.Verbose(string.Format(CultureInfo.InvariantCulture, "Fetching {0}, page {1} (offset {2}, limit {3}).", what, pageNumber, offset, limit));
            return fetch(offset, limit, cancellationToken);
        }
    }
}
