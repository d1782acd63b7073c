using System;

namespace RunAi.Client.Paging
{
    /// <summary>Which slice of a list to stream: skip the first <see cref="Skip"/>, return at most <see cref="First"/>, in pages of <see cref="PageSize"/>.</summary>
    public sealed class PagingOptions
    {
        public const int MaxPageSize = 500;
        public const int DefaultPageSize = 100;

        /// <summary>The largest offset the API takes: <c>offset</c> is an int32.</summary>
        public const long MaxOffset = int.MaxValue;

        /// <summary>The default of <see cref="PagesAhead"/>.</summary>
        public const int DefaultPagesAhead = 3;

        /// <summary>The largest <see cref="PagesAhead"/>.</summary>
        public const int MaxPagesAhead = 8;

        private int _pageSize = DefaultPageSize;
        private int _pagesAhead = DefaultPagesAhead;
        private long _skip;
        private long? _first;

        /// <summary>Items per request, 1–500 (the API's limit).</summary>
        public int PageSize
        {
            get => _pageSize;
            set => _pageSize = value >= 1 && value <= MaxPageSize
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"The page size must be between 1 and {MaxPageSize}.");
        }

        /// <summary>
        /// Pages fetched and parsed ahead of the one being read, 1–8 (default 3): more uses more cores and hides more of
        /// the server's latency, at the price of up to <c>PagesAhead − 1</c> requests past the end of a long list (none for
        /// one or two pages: it reads further ahead as the list proves long). Pages beyond the next are asked for at
        /// offset + limit and used only when the page before them announced exactly that.
        /// </summary>
        public int PagesAhead
        {
            get => _pagesAhead;
            set => _pagesAhead = value >= 1 && value <= MaxPagesAhead
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"PagesAhead must be between 1 and {MaxPagesAhead}.");
        }

        /// <summary>Items to skip, sent as the first request's offset (0 to <see cref="MaxOffset"/>).</summary>
        public long Skip
        {
            get => _skip;
            set => _skip = value >= 0 && value <= MaxOffset
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"Skip must be between 0 and {MaxOffset}, the largest offset the API takes.");
        }

        /// <summary>The most items to return; null for all. No request is made past the page that holds the last one.</summary>
        public long? First
        {
            get => _first;
            set => _first = value is null || value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "First cannot be negative.");
        }
    }
}
