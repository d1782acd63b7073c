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
                    yield break;
                }

                var take = (int)Math.Min(page.Items.Count, remaining);
                remaining -= take;
                if (remaining > 0 && page.Next is long announced)
                {
                    RequireForward(path, request.Offset, announced);
                    inFlight.Follow(request, page.Items.Count, announced, remaining);
                }
                else
                {
                    inFlight.DropAll("the list ended");
                }

                for (var i = 0; i < take; i++)
                {
                    yield return page.Items[i];
                }
            }
        }

        internal static int LimitFor(PagingOptions paging, long remaining) => (int)Math.Min(paging.PageSize, remaining);

        private static void RequireForward(string path, long offset, long announced)
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
        }
    }
}
