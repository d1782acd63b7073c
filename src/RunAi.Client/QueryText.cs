using System;
using System.Globalization;

namespace RunAi.Client
{
    /// <summary>
    /// Dates as the API reads them in a query: UTC, ISO 8601 with milliseconds (<c>2026-01-15T12:00:00.000Z</c>). The
    /// typed operations and callers of the raw ones (Invoke-RunAiRestMethod's -Query) write them here, so both send the same text.
    /// </summary>
    public static class QueryText
    {
        private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public static string Of(DateTimeOffset moment) => moment.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture);

        public static string Of(DateTime date) => date.ToUniversalTime().ToString(DateFormat, CultureInfo.InvariantCulture);
    }
}
