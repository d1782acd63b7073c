using System;
using System.Collections.Generic;
using System.Linq;

namespace RunAi.Client.Contract
{
    /// <summary>
    /// One closed list of values of the API contract (sort fields, metric types, …), in the API's own spelling. Users may
    /// type a value in any letter case; <see cref="Canonical"/> gives the spelling the server expects.
    /// </summary>
    public sealed class ApiValueSet
    {
        private readonly Dictionary<string, string> _byAnyCase;

        internal ApiValueSet(string description, params string[] values)
        {
            Description = description;
            Values = values;
            _byAnyCase = values.ToDictionary(v => v, v => v, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>What the values are, for messages ("workload sort field").</summary>
        public string Description { get; }

        /// <summary>The values in the API's spelling and the contract's order.</summary>
        public IReadOnlyList<string> Values { get; }

        /// <summary>True when <paramref name="value"/> is one of the values, in any letter case.</summary>
        public bool Contains(string? value) => value != null && _byAnyCase.ContainsKey(value);

        /// <summary>
        /// The API's spelling of <paramref name="value"/>, or the value unchanged when the list does not know it (a newer
        /// server may accept more than this module's contract; the cmdlets refuse unknown values before this point).
        /// </summary>
        public string? Spelling(string? value) => value != null && _byAnyCase.TryGetValue(value, out var canonical) ? canonical : value;

        /// <summary>The API's spelling of <paramref name="value"/>; an unknown value is an <see cref="ArgumentException"/>.</summary>
        public string Canonical(string value) =>
            value != null && _byAnyCase.TryGetValue(value, out var canonical)
                ? canonical
                : throw new ArgumentException($"'{value}' is not a {Description}. Accepted: {string.Join(", ", Values)}.", nameof(value));
    }
}
