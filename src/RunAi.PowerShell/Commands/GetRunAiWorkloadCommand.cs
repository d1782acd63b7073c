using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RunAi.Client;
using RunAi.Client.Models;
using RunAi.Client.Paging;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets Run:ai workloads: a filtered, sorted list streamed page by page, or workloads by id.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkload.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkload", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Workload), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(WorkloadDetailed), ParameterSetName = new[] { ByIdSet })]
    public sealed class GetRunAiWorkloadCommand : RunAiCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        /// <summary>Workload ids; binds from the pipeline by property name (any object with an Id or WorkloadId).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByIdSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkloadId")]
        [ValidateNotNullOrEmpty]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        /// <summary>How many ids are fetched at once, 1–32 (default 1: one after another). Output stays in input order, one workload per id.</summary>
        [Parameter(ParameterSetName = ByIdSet)]
        [ValidateRange(1, FanOut.MaxLimit)]
        public int ThrottleLimit { get; set; } = FanOut.DefaultLimit;

        /// <summary>Only workloads in this phase.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public RunAiPhase? Phase { get; set; }

        /// <summary>Only workloads of this type (Training, Workspace, Inference, Distributed, …).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ArgumentCompleter(typeof(WorkloadTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Type { get; set; }

        /// <summary>Only workloads of this project; wildcards allowed.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? ProjectName { get; set; }

        /// <summary>Only workloads whose name matches; wildcards allowed.</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? Name { get; set; }

        /// <summary>Raw filterBy expressions (field, operator, value), all of which must hold: 'allocatedGPU>=4', 'createdAt&lt;=2026-01-01T00:00:00Z'.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateCount(1, 10)]
        [ValidateFilter(FilterTarget.Workload)]
        public string[] Filter { get; set; } = Array.Empty<string>();

        /// <summary>Free-text search.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        /// <summary>The field the server sorts by.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateApiValue(ApiValueList.WorkloadSortFields)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string? SortBy { get; set; }

        /// <summary>Sort descending (the default is ascending).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>Only deleted workloads.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Deleted { get; set; }

        /// <summary>Workloads per request, 1–500 (default 100). Larger pages mean fewer round trips.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, PagingOptions.MaxPageSize)]
        public int PageSize { get; set; } = PagingOptions.DefaultPageSize;

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var ids = Id;
            if (ParameterSetName == ListSet && Name != null && Guid.TryParse(Name, out var nameAsId))
            {
                // `Get-RunAiWorkload 3f2a…` binds the text to -Name (the default set's first position); no workload is
                // named like an id, so answering "nothing" would be quietly wrong: get the workload by that id instead.
                WriteVerbose($"'{Name}' is an id, not a name: getting the workload by id.");
                ids = new[] { nameAsId };
            }

            if (ParameterSetName == ByIdSet || ids.Length > 0)
            {
                ListInput.RefusePaging(this, PagingParameters, "to workloads got by id (each id is one workload)");
                foreach (var id in ids)
                {
                    Submit(WorkFor.Input, session, id, throttleLimit: ThrottleLimit, work: async (queue, token) =>
                        queue.WriteObject(await session.Client.GetWorkloadAsync(id, token).ConfigureAwait(false)));
                }

                return;
            }

            var (query, clientMatches) = BuildQuery();
            var paging = ToPaging(PageSize);
            if (PagingParameters?.IncludeTotalCount == true)
            {
                WriteTotalCount(session, token => session.Client.CountWorkloadsAsync(query, token));
            }

            if (clientMatches.Count == 0)
            {
                Submit(WorkFor.Command, session, null, Streaming(token => session.Client.ListWorkloadsAsync(query, paging, token)));
                return;
            }

            // Part of a wildcard can only be checked here: page through the server's narrower list, then skip and
            // take among the workloads that match.
            Submit(WorkFor.Command, session, null, Streaming(token => Matching(session.Client.ListWorkloadsAsync(query, new PagingOptions { PageSize = PageSize }, token), clientMatches, paging, token)));
        }

        private static async IAsyncEnumerable<Workload> Matching(
            IAsyncEnumerable<Workload> source, List<Func<Workload, bool>> matches, PagingOptions paging, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var skipped = 0L;
            var taken = 0L;
            if (paging.First == 0)
            {
                yield break;
            }

            await foreach (var workload in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!matches.All(match => match(workload)))
                {
                    continue;
                }

                if (skipped < paging.Skip)
                {
                    skipped++;
                    continue;
                }

                yield return workload;
                if (++taken == paging.First)
                {
                    yield break;
                }
            }
        }

        private (WorkloadQuery Query, List<Func<Workload, bool>> ClientMatches) BuildQuery()
        {
            var query = new WorkloadQuery
            {
                Deleted = Deleted,
                Search = Search,
                SortBy = SortBy,
                SortOrder = Descending ? SortOrder.Descending : (SortOrder?)null,
            };
            var clientMatches = new List<Func<Workload, bool>>();
            if (Phase is RunAiPhase phase)
            {
                query.Filters.Add("phase==" + phase);
            }

            if (Type != null)
            {
                ListInput.AddFilter(this, query.Filters, "type==" + Type, nameof(Type), Type);
            }

            AddWildcard(query, clientMatches, "projectName", nameof(ProjectName), ProjectName, w => w.ProjectName);
            AddWildcard(query, clientMatches, "name", nameof(Name), Name, w => w.Name);
            foreach (var expression in Filter)
            {
                ListInput.AddFilter(this, query.Filters, expression, nameof(Filter), expression);
            }

            if (query.Filters.Count > 10)
            {
                ThrowTerminatingError(Errors.ErrorMapper.InvalidArgument(
                    FormattableString.Invariant($"The API takes at most 10 filters; these parameters make {query.Filters.Count}."), query.Filters.ToArray()));
            }

            return (query, clientMatches);
        }

        private void AddWildcard(WorkloadQuery query, List<Func<Workload, bool>> clientMatches, string field, string parameter, string? pattern, Func<Workload, string?> value)
        {
            if (pattern is null)
            {
                return;
            }

            ListInput.RequireValidWildcard(this, parameter, pattern);
            var filter = NameFilter.For(field, pattern);
            if (filter.ServerExpression.Length > 0)
            {
                ListInput.AddFilter(this, query.Filters, filter.ServerExpression, parameter, pattern);
            }

            if (filter.ClientMatch is WildcardPattern match)
            {
                clientMatches.Add(w => match.IsMatch(value(w) ?? string.Empty));
            }
        }
    }
}
