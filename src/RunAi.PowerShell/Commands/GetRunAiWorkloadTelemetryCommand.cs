using System;
using System.Linq;
using System.Management.Automation;
using RunAi.Client;
using RunAi.Client.Models;
using RunAi.PowerShell.Parameters;
using RunAi.PowerShell.Pipeline;

namespace RunAi.PowerShell.Commands
{
    /// <summary>
    /// Gets workload telemetry (counts, GPU allocation, pending time, idle GPUs), one object per value, grouped by up to two fields.
    /// </summary>
    /// <remarks>Users' help (synopsis, description, examples, parameters) is in Help/Get-RunAiWorkloadTelemetry.md.</remarks>
    [Cmdlet(VerbsCommon.Get, "RunAiWorkloadTelemetry")]
    [OutputType(typeof(TelemetryValue))]
    public sealed class GetRunAiWorkloadTelemetryCommand : RunAiCmdlet
    {
        /// <summary>What to measure.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateApiValue(ApiValueList.TelemetryTypes)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string Type { get; set; } = string.Empty;

        /// <summary>Up to two fields to group the values by.</summary>
        [Parameter]
        [ValidateCount(1, 2)]
        [ValidateApiValue(ApiValueList.TelemetryGroupByKeys)]
        [ArgumentCompleter(typeof(ApiValueCompleter))]
        public string[] GroupBy { get; set; } = Array.Empty<string>();

        /// <summary>Only workloads of this cluster.</summary>
        [Parameter]
        public Guid? ClusterId { get; set; }

        /// <summary>Only workloads of this node pool (<c>nodepoolName</c>).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NodePool { get; set; }

        /// <summary>Only workloads of this department.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DepartmentId { get; set; }

        /// <summary>Only workloads in these phases (<c>filterByPhases</c>, at most 10).</summary>
        [Parameter]
        [ValidateCount(1, 10)]
        public RunAiPhase[] Phase { get; set; } = Array.Empty<RunAiPhase>();

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var query = new TelemetryQuery(Type) { ClusterId = ClusterId, NodepoolName = NodePool, DepartmentId = DepartmentId };
            foreach (var key in GroupBy)
            {
                query.GroupBy.Add(key);
            }

            foreach (var phase in Phase.Distinct())
            {
                query.Phases.Add(phase.ToString());
            }

            Submit(WorkFor.Command, session, Type, async (queue, token) =>
            {
                foreach (var value in await session.Client.GetWorkloadTelemetryAsync(query, token).ConfigureAwait(false))
                {
                    queue.WriteObject(WithGroupProperties(value));
                }
            });
        }

        private static PSObject WithGroupProperties(TelemetryValue value)
        {
            var result = PSObject.AsPSObject(value);
            foreach (var group in value.Groups)
            {
                if (group.Key.Length > 0 && result.Properties[group.Key] is null)
                {
                    result.Properties.Add(new PSNoteProperty(group.Key, group.Value));
                }
            }

            return result;
        }
    }
}
