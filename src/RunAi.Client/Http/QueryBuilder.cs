using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RunAi.Client.Http
{
    /// <summary>
    /// Builds a relative request URI: a path (see <see cref="ApiPath"/>; a raw path may bring a query of its own) and
    /// escaped query parameters in the order added. The one place a query string is written.
    /// </summary>
    internal sealed class QueryBuilder
    {
        private readonly StringBuilder _uri;
        private bool _hasQuery;

        public QueryBuilder(string path)
        {
            _uri = new StringBuilder(path.TrimStart('/'));
            _hasQuery = path.IndexOf('?') >= 0;
        }

        public QueryBuilder Add(string name, string? value)
        {
            if (value is null)
            {
                return this;
            }

            _uri.Append(_hasQuery ? '&' : '?').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            _hasQuery = true;
            return this;
        }

        public QueryBuilder Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public QueryBuilder Add(string name, bool value) => value ? Add(name, "true") : this;

        public QueryBuilder Add(string name, DateTimeOffset? value) => Add(name, value is null ? null : QueryText.Of(value.Value));

        /// <summary>An array parameter with <c>explode: false</c>: one key, the values joined by commas.</summary>
        public QueryBuilder AddJoined(string name, IReadOnlyCollection<string>? values) =>
            values is null || values.Count == 0 ? this : Add(name, Join(name, values));

        /// <summary>
        /// The one value of an array parameter with <c>explode: false</c> (the API's form style: <c>filterBy=a,b</c>). A value
        /// that holds a comma itself is refused: the server would read it as two values (<c>name==a,b</c> as <c>name==a</c> and <c>b</c>).
        /// </summary>
        public static string Join(string name, IEnumerable<string> values)
        {
            var list = new List<string>(values);
            foreach (var value in list)
            {
                var problem = FormStyle.CommaProblem(name, value);
                if (problem != null)
                {
                    throw new ArgumentException(problem, nameof(values));
                }
            }

            return string.Join(",", list);
        }

        public Uri ToUri() => new Uri(_uri.ToString(), UriKind.Relative);

        public override string ToString() => _uri.ToString();
    }
}
