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

        private int _pageSize = DefaultPageSize;
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
