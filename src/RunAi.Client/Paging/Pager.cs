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
            ListMissing = items is null;
            Next = next;
        }

        public IReadOnlyList<T> Items { get; }

        /// <summary>The answer had no list at all (missing or null), rather than an empty one.</summary>
        public bool ListMissing { get; }

        public long? Next { get; }
    }

    /// <summary>
    /// Streams a list page by page, items in the server's order, reading ahead: while a page is being read, up to
    /// <see cref="PagingOptions.PagesAhead"/> further pages are already being fetched and parsed, on other threads, so a
    /// long listing uses more than one core and waits for the server less. Stops on a missing <c>next</c> or an empty
    /// page, fails on a <c>next</c> that does not move forward, and never asks for more than <see cref="PagingOptions.First"/>
    /// needs. How far ahead it may guess, and why a guess is never used unchecked: <see cref="PagesInFlight{T}"/>.
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

            // Leaving early (Select-Object -First, Ctrl+C, an error) disposes inFlight, which cancels and drops every page
            // still on its way.
            using var inFlight = new PagesInFlight<T>(what, paging, fetch, cancellationToken);
            inFlight.Ask(paging.Skip, LimitFor(paging, remaining));
            while (inFlight.TryTake(out var request))
            {
                var page = await request.Answer.ConfigureAwait(false);
                RunAiDiagnostics.PageReceived(what, request.Number, page.Items.Count);
                if (page.Items.Count == 0)
                {
                    // An empty page ends a list only when it does not announce more: a page that says "more from here"
                    // but holds nothing (or no list at all) would end the listing early and quietly.
                    if (page.Next is long more && remaining > 0)
                    {
                        throw new RunAiApiException(
                            RunAiFailureKind.InvalidResponse, "GET", path,
                            string.Format(CultureInfo.InvariantCulture, "GET {0} answered the page at offset {1} with {2} but announced next={3}: the list cannot be read to its end.", path, request.Offset, page.ListMissing ? "no list (null)" : "no items", more));
                    }

                    yield break;
                }

                var take = (int)Math.Min(page.Items.Count, remaining);
                remaining -= take;
                // A page whose next is wrong is still a good page: its items go out, then the listing fails.
                RunAiApiException? broken = null;
                if (remaining > 0 && page.Next is long announced)
                {
                    broken = NotForward(path, request.Offset, announced) ?? NotContiguous(path, request, page.Items.Count, announced);
                    if (broken is null)
                    {
                        inFlight.Follow(request, page.Items.Count, announced, remaining);
                    }
                    else
                    {
                        inFlight.DropAll("paging broke");
                    }
                }
                else
                {
                    inFlight.DropAll("the list ended");
                }

                for (var i = 0; i < take; i++)
                {
                    yield return page.Items[i];
                }

                if (broken != null)
                {
                    throw broken;
                }
            }
        }

        internal static int LimitFor(PagingOptions paging, long remaining) => (int)Math.Min(paging.PageSize, remaining);

        /// <summary>
        /// A <c>next</c> that points inside the page just read would repeat items, and one past the end of the page asked
        /// for would skip some: either way the output would be wrong without a word, so the listing stops there. (A
        /// <c>next</c> between the items read and the limit is followed: items the API documents as nullable may have
        /// been dropped from the page.)
        /// </summary>
        private static RunAiApiException? NotContiguous<T>(string path, PagesInFlight<T>.PageRequest request, int itemCount, long announced)
        {
            var endOfItems = request.Offset + itemCount;
            var endOfPage = request.Offset + request.Limit;
            if (announced < endOfItems || announced > endOfPage)
            {
                return new RunAiApiException(
                    RunAiFailureKind.PagingFault, "GET", path,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "GET {0} broke paging: the page at offset {1} (limit {2}) held {3} items but announced next={4}, not {5}; following it would {6} items. Stopped.",
                        path, request.Offset, request.Limit, itemCount, announced, endOfItems, announced < endOfItems ? "repeat " + (endOfItems - announced).ToString(CultureInfo.InvariantCulture) : "skip " + (announced - endOfItems).ToString(CultureInfo.InvariantCulture)));
            }

            return null;
        }

        private static RunAiApiException? NotForward(string path, long offset, long announced)
        {
            if (announced <= offset)
            {
                return new RunAiApiException(
                    RunAiFailureKind.PagingFault, "GET", path,
                    string.Format(CultureInfo.InvariantCulture, "GET {0} broke paging: the page at offset {1} announced next={2}, which does not move forward. Stopped to avoid an endless loop.", path, offset, announced));
            }

            if (announced > PagingOptions.MaxOffset)
            {
                return new RunAiApiException(
                    RunAiFailureKind.PagingFault, "GET", path,
                    string.Format(CultureInfo.InvariantCulture, "GET {0} broke paging: the page at offset {1} announced next={2}, past the largest offset the API takes ({3}). Stopped without asking for it.", path, offset, announced, PagingOptions.MaxOffset));
            }

            return null;
        }
    }
}
