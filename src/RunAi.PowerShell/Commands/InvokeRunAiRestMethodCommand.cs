using System;
using System.Collections;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client.Json;
using RunAi.Client.Paging;
using RunAi.PowerShell.Errors;
using RunAi.PowerShell.Json;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Sends any request to the connected Run:ai address with the session's authentication, retries and error handling.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Invoke-RunAiRestMethod.md.</remarks>
    [Cmdlet(VerbsLifecycle.Invoke, "RunAiRestMethod", DefaultParameterSetName = SingleSet)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeRunAiRestMethodCommand : RunAiCmdlet
    {
        private const string SingleSet = "Single";
        private const string AllSet = "All";

        /// <summary>The path relative to the session's address, e.g. 'api/v1/workloads/count' or '/v0/cluster/events/latest'.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The HTTP method (default GET).</summary>
        [Parameter(ParameterSetName = SingleSet)]
        [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE")]
        public string Method { get; set; } = "GET";

        /// <summary>
        /// Query parameters (e.g. @{ filterBy = 'phase==Running'; limit = 10 }). An array value is sent as one comma-separated
        /// value, the way the API documents its arrays (@{ filterBy = 'phase==Running', 'type==Training' } sends
        /// filterBy=phase==Running,type==Training); an item of an array cannot contain a comma itself.
        /// </summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>The request body: a string is sent as-is, anything else as JSON.</summary>
        [Parameter(ParameterSetName = SingleSet, ValueFromPipeline = true)]
        public object? Body { get; set; }

        /// <summary>Follow 'next' with offset/limit and stream the items of every page.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>The array property holding the items (e.g. 'workloads'); by default the answer's only array property.</summary>
        [Parameter(ParameterSetName = AllSet)]
        [ValidateNotNullOrEmpty]
        public string? ItemsProperty { get; set; }

        /// <summary>Items per request with -All, 1–500 (default 100).</summary>
        [Parameter(ParameterSetName = AllSet)]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            try
            {
                session.Client.RelativePathFor(Path);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorMapper.InvalidArgument(ex, Path));
            }

            RefuseCommasInArrays();
            var query = PowerShellJson.ToQuery(Query);
            var path = Path;
            if (All)
            {
                var paging = new PagingOptions { PageSize = PageSize };
                var itemsProperty = ItemsProperty;
                Submit(WorkFor.Command, session, path, Streaming(token => session.Client.StreamRawAsync(path, query, itemsProperty, paging, token), PowerShellJson.ToPowerShell));
                return;
            }

            var body = Body is null ? null : (Body is PSObject { BaseObject: string text } ? text : Body as string) ?? PlainJsonText.Serialize(PowerShellJson.ToPlain(Body));
            var method = Method;
            Func<PipelineQueue, CancellationToken, Task> call = async (queue, token) =>
            {
                // Like Invoke-RestMethod: a top-level array is written item by item.
                var answer = PowerShellJson.ToPowerShell(await session.Client.SendRawAsync(method, path, query, body, token).ConfigureAwait(false));
                foreach (var item in answer is object?[] list ? list : new[] { answer })
                {
                    if (item != null)
                    {
                        queue.WriteObject(item);
                    }
                }
            };

            // One request per body piped in: a failed one is that input's error, and the next body is still sent.
            // Otherwise the request is the whole command, and its failure ends it.
            if (MyInvocation.ExpectingInput)
            {
                Submit(WorkFor.Input, session, path, call);
            }
            else
            {
                Submit(WorkFor.Command, session, path, call);
            }
        }

        /// <summary>The items of an array query value are joined by commas, so an item with a comma of its own would become two.</summary>
        private void RefuseCommasInArrays()
        {
            foreach (DictionaryEntry entry in Query ?? new Hashtable())
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (value is IEnumerable items && value is not string)
                {
                    var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                    foreach (var item in items)
                    {
                        ListInput.RequireNoComma(this, key, PowerShellJson.ToQueryText(item));
                    }
                }
            }
        }
    }
}
