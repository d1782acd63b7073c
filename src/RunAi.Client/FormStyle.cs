namespace RunAi.Client
{
    /// <summary>
    /// The API's array query parameters (<c>filterBy</c>, <c>groupBy</c>, <c>metricType</c>, <c>filterByPhases</c>) are form
    /// style and not exploded: one key, the items joined by commas. So no item can hold a comma of its own.
    /// </summary>
    public static class FormStyle
    {
        /// <summary>The separator of the items of one array parameter.</summary>
        public const char Separator = ',';

        /// <summary>Null when <paramref name="value"/> can be one item of <paramref name="parameter"/>; else a sentence saying why not.</summary>
        public static string? CommaProblem(string parameter, string value)
        {
            var comma = value?.IndexOf(Separator) ?? -1;
            if (comma < 0)
            {
                return null;
            }

            return $"'{value}' contains a comma, and {parameter} is one comma-separated list: the server would read it as two values " +
                $"('{value!.Substring(0, comma)}' and '{value.Substring(comma + 1)}'). A value cannot contain a comma; give each value on its own.";
        }
    }
}
