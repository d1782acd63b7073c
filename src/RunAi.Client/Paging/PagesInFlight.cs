using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Diagnostics;

namespace RunAi.Client.Paging
{
    /// <summary>
    /// The pages of one listing that have been asked for and not yet read, in offset order. The page after the one being
    /// read is the one it announced as <c>next</c>; pages beyond it are asked for at offset + limit, which is how the API
    /// pages, and only once a full page has announced exactly that. Every guess is checked when the page before it
    /// arrives: an answer that breaks the pattern drops what was read ahead and follows the announced offset instead, so
    /// a guess changes nothing but timing. The cost is at most <see cref="PagingOptions.PagesAhead"/> − 1 requests past
    /// the end of a long list, and none for a list of one or two pages (it reads further ahead only as the list proves long).
    /// </summary>
    internal sealed class PagesInFlight<T> : IDisposable
    {
        private readonly Queue<PageRequest> _asked = new Queue<PageRequest>();
        private readonly string _what;
        private readonly PagingOptions _paging;
        private readonly Pager.PageFetcher<T> _fetch;
        private readonly CancellationToken _cancellationToken;
        private CancellationTokenSource? _beingRead;
        private int _lastNumber;
        private int _fullPagesInARow;

        public PagesInFlight(string what, PagingOptions paging, Pager.PageFetcher<T> fetch, CancellationToken cancellationToken)
        {
            _what = what;
            _paging = paging;
            _fetch = fetch;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Asks for the page at <paramref name="offset"/>; it is read after every page asked for before it.</summary>
        public PageRequest Ask(long offset, int limit)
        {
            var number = ++_lastNumber;
            RunAiDiagnostics.Verbose(string.Format(CultureInfo.InvariantCulture, "Fetching {0}, page {1} (offset {2}, limit {3}).", _what, number, offset, limit));
            // A token per page, so a dropped guess can be cancelled without touching the pages still needed.
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
            var request = new PageRequest(number, offset, limit, _fetch(offset, limit, cancel.Token), cancel);
            _asked.Enqueue(request);
            return request;
        }

        public bool TryTake(out PageRequest request)
        {
            if (_asked.Count == 0)
            {
                request = default;
                return false;
            }

            // The page read before this one has its answer: its token is no longer needed.
            _beingRead?.Dispose();
            request = _asked.Dequeue();
            _beingRead = request.Cancel;
            return true;
        }

        /// <summary>
        /// After <paramref name="read"/> held <paramref name="itemCount"/> items and announced <paramref name="next"/>:
        /// keeps the pages read ahead if the first of them is the announced one, otherwise drops them and asks for it; then
        /// reads further ahead if the page was full and announced offset + limit.
        /// </summary>
        public void Follow(PageRequest read, int itemCount, long next, long remaining)
        {
            if (_asked.Count > 0 && _asked.Peek().Offset != next)
            {
                DropAll(string.Format(CultureInfo.InvariantCulture, "page {0} announced next={1}, not offset + limit", read.Number, next));
            }

            if (_asked.Count == 0)
            {
                Ask(next, Pager.LimitFor(_paging, remaining));
            }

            if (itemCount < read.Limit || next != read.Offset + read.Limit)
            {
                _fullPagesInARow = 0;
                return;
            }

            // Read ahead as far as the list has shown itself long: one page after the first full page, two after the
            // second… so a list of two pages costs no request past its end, and a long one PagesAhead - 1.
            var pagesAhead = Math.Min(_paging.PagesAhead, ++_fullPagesInARow);
            var last = read;
            var itemsAsked = 0L;
            foreach (var asked in _asked)
            {
                last = asked;
                itemsAsked += asked.Limit;
            }

            while (_asked.Count < pagesAhead && remaining > itemsAsked && last.Offset + last.Limit <= PagingOptions.MaxOffset)
            {
                last = Ask(last.Offset + last.Limit, Pager.LimitFor(_paging, remaining - itemsAsked));
                itemsAsked += last.Limit;
            }
        }

        /// <summary>Cancels and forgets every page asked for and not read; a failure of one of them is nobody's concern.</summary>
        public void DropAll(string why)
        {
            if (_asked.Count == 0)
            {
                return;
            }

            RunAiDiagnostics.Debug(string.Format(CultureInfo.InvariantCulture, "Dropped {0} {1} of {2} read ahead: {3}.", _asked.Count, _asked.Count == 1 ? "page" : "pages", _what, why));
            while (_asked.Count > 0)
            {
                var dropped = _asked.Dequeue();
                dropped.Cancel.Cancel();
                dropped.Cancel.Dispose();
                _ = dropped.Answer.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }

        public void Dispose()
        {
            DropAll("the reader stopped");
            _beingRead?.Dispose();
            _beingRead = null;
        }

        internal readonly struct PageRequest
        {
            public PageRequest(int number, long offset, int limit, Task<Page<T>> answer, CancellationTokenSource cancel)
            {
                Cancel = cancel;
                Number = number;
                Offset = offset;
                Limit = limit;
                Answer = answer;
            }

            public int Number { get; }

            public long Offset { get; }

            public int Limit { get; }

            public Task<Page<T>> Answer { get; }

            public CancellationTokenSource Cancel { get; }
        }
    }
}
